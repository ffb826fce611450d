namespace SupportBot.Common;

/// <summary>
/// Configuration section <c>Storage</c>: where SupportBot keeps its data. Shared, because more than the storage engine
/// lives there (the knowledge index sits beside the database file).
/// </summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string's name under <c>ConnectionStrings</c> (PostgreSQL).</summary>
    public const string ConnectionStringName = "SupportBot";

    /// <summary>Which engine keeps the data: one LiteDB file (the default) or a PostgreSQL database.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The LiteDB file; a relative path is taken from the app's content root.</summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";

    /// <summary>The LiteDB file as the app opens it: <see cref="DatabasePath"/> from <paramref name="contentRoot"/>.</summary>
    public string DatabaseFileIn(string contentRoot) => Path.Combine(contentRoot, DatabasePath);

    /// <summary>
    /// The most 8 KB pages LiteDB's cache may hold before the file is reopened to release them, also under load (zero: no
    /// bound; the idle trim still releases them). 2,048 pages is 16 MB; LiteDB takes pages in segments of up to 1,000, so
    /// its cache stays under about 21 MB. Even a reopen at every look (a bound of 1,000 in a five-minute soak at full
    /// speed, 21 reopens) cost no measurable turns/s or p99 (bench/README.md, "LiteDB's page cache bounded under load").
    /// </summary>
    public int LiteDbCachePagesAtMost { get; set; } = 2_048;

    /// <summary><c>ConnectionStrings:SupportBot</c>, copied here when the options are made (not bound from this section).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether <paramref name="configuration"/> names PostgreSQL with a connection string: read at registration, where
    /// the engines (and the reminders' scheduler store) register different services. Lenient: a value that is no
    /// provider is the options validation's one-line error at start, not a stack trace from registration.
    /// </summary>
    public static bool UsesPostgreSql(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration[$"{SectionName}:{nameof(Provider)}"];
        return Enum.TryParse<StorageProvider>(named, ignoreCase: true, out var provider) && provider == StorageProvider.PostgreSql
            && !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));
    }
}

internal enum StorageProvider
{
    LiteDb,
    PostgreSql,
}
