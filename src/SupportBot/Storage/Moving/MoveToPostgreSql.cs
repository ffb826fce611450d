using System.Diagnostics;
using System.Globalization;
using LiteDB;
using Npgsql;
using SupportBot.Common;

namespace SupportBot.Storage.Moving;

/// <summary>
/// <c>SupportBot storage move-to-postgresql</c>: copies a stopped LiteDB desk (<c>Storage:DatabasePath</c>) into the
/// PostgreSQL database of <c>ConnectionStrings:SupportBot</c>, read from the app's usual configuration (appsettings,
/// environment, command line). The schema is migrated first by the app's own migrations; the copy is one transaction.
/// </summary>
/// <remarks>
/// Exit codes: 0 moved; 2 refused (no file, a file in use or damaged, no connection string, an unreachable database, a
/// database that already holds tickets, a row PostgreSQL refused), always with one line on standard error and the
/// target as it was. The LiteDB file is only read (opening it may finish an interrupted write of its own log) and kept.
/// </remarks>
internal static class MoveToPostgreSql
{
    public const string Group = "storage";
    public const string Verb = "move-to-postgresql";

    /// <summary>Whether the command line names this command (anywhere, so settings may come before or after it).</summary>
    public static bool IsNamedIn(IReadOnlyList<string> args) => Position(args) >= 0;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var at = Position(args);
        string[] settings = [.. args[..at], .. args[(at + 2)..]];

        // The app's own configuration sources and content root, so the command reads exactly what the app would.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings });
        var configured = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DatabasePath)}"];
        var storage = string.IsNullOrWhiteSpace(configured) ? new StorageOptions() : new StorageOptions { DatabasePath = configured };
        var file = Path.GetFullPath(storage.DatabaseFileIn(builder.Environment.ContentRootPath));
        var connectionString = builder.Configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        try
        {
            var clock = Stopwatch.StartNew();
            var (target, moved) = await MoveAsync(file, connectionString, TimeProvider.System);
            output.WriteLine($"Moved the desk in '{file}' to {target} in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s:");
            foreach (var (store, count) in moved)
            {
                output.WriteLine($"  {store,-24} {count,8}");
            }

            output.WriteLine($"Next: set {StorageOptions.SectionName}:Provider=PostgreSql (and the same ConnectionStrings:{StorageOptions.ConnectionStringName}) and start SupportBot. The LiteDB file is kept as it was.");
            return 0;
        }
        catch (StorageMoveRefusedException refused)
        {
            errors.WriteLine($"storage {Verb}: {refused.Message}");
            return 2;
        }
    }

    /// <summary>The move itself: where it went (database and host, never the password) and the counts per store.</summary>
    public static async Task<(string Target, IReadOnlyList<(string Store, int Count)> Moved)> MoveAsync(string file, string? connectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageMoveRefusedException($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not set: it names the PostgreSQL database to move into.");
        }

        if (!File.Exists(file))
        {
            throw new StorageMoveRefusedException($"There is no LiteDB file at '{file}' ({StorageOptions.SectionName}:{nameof(StorageOptions.DatabasePath)}).");
        }

        var desk = ReadDesk(file, time.GetUtcNow());
        NpgsqlConnectionStringBuilder where;
        try
        {
            where = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException bad)
        {
            throw new StorageMoveRefusedException($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not a PostgreSQL connection string: {bad.Message}");
        }

        var target = $"PostgreSQL database '{where.Database}' on {where.Host}:{where.Port}";
        await using var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            StorageExtensions.MigrateAtStart(source);
            return (target, PgDeskImport.Write(source, desk));
        }
        catch (StorageUnavailableException unavailable)
        {
            throw new StorageMoveRefusedException($"{unavailable.Message}; nothing was moved.", unavailable);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            throw new StorageMoveRefusedException($"Storage: cannot use {target}: {error.Message}; nothing was moved.", error);
        }
    }

    private static LiteDbDesk ReadDesk(string file, DateTimeOffset now)
    {
        ILiteDatabase database;
        try
        {
            // The app's own opening: a file another process holds (the instance still running) or a damaged one is refused.
            database = DatabaseFile.Open(file);
        }
        catch (StorageUnavailableException unavailable)
        {
            throw new StorageMoveRefusedException($"{unavailable.Message} (stop SupportBot before moving its data).", unavailable);
        }

        using (database)
        {
            try
            {
                return LiteDbDesk.Read(database, now);
            }
            catch (Exception damaged) when (damaged is LiteException or InvalidCastException or FormatException or IOException or KeyNotFoundException)
            {
                // A row the stores cannot map (a damaged page, a field of the wrong type): nothing is written anywhere.
                throw new StorageMoveRefusedException($"Storage: cannot read '{file}': {damaged.Message}; nothing was moved.", damaged);
            }
        }
    }

    private static int Position(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (string.Equals(args[i], Group, StringComparison.OrdinalIgnoreCase) && string.Equals(args[i + 1], Verb, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
