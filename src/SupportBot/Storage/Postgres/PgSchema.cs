using System.Globalization;
using Npgsql;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Versioned schema migrations: the embedded <c>Migrations/NNNN_name.sql</c> files, applied in order at start, each in
/// its own transaction with its row in <c>schema_version</c>. Two instances starting at once take turns on an advisory
/// lock, so the second finds the first's migrations applied and runs none of them again.
/// </summary>
internal static class PgSchema
{
    /// <summary>The advisory lock's key: any fixed number no other part of SupportBot uses ("SBschema").</summary>
    private const long LockKey = 0x5342_7363_6865_6D61;

    private const string Prefix = "SupportBot.Storage.Postgres.Migrations.";

    /// <summary>The embedded migrations, by version, in order.</summary>
    public static IReadOnlyList<(int Version, string Name)> Migrations { get; } =
        [.. typeof(PgSchema).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (int.Parse(name.AsSpan(Prefix.Length, 4), CultureInfo.InvariantCulture), name))
            .OrderBy(migration => migration.Item1)];

    /// <summary>Applies what is missing; returns the versions this call applied (none when another instance did).</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource source, CancellationToken cancellationToken = default) =>
        MigrateThroughAsync(source, int.MaxValue, cancellationToken);

    /// <summary>
    /// Applies what is missing up to version <paramref name="through"/>: a database as an older release left it, for
    /// the tests of a migration that moves that release's data.
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateThroughAsync(NpgsqlDataSource source, int through, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var now = new List<int>();
            foreach (var (version, name) in Migrations.Where(migration => migration.Version <= through && !applied.Contains(migration.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, Text(name), cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", version);
                    record.Parameters.AddWithValue("name", name[Prefix.Length..]);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                now.Add(version);
            }

            return now;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Text(string resource)
    {
        using var stream = typeof(PgSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
