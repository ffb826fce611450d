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
