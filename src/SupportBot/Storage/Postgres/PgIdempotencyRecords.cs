using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// What has already taken effect, by its idempotency key: an <c>idempotency</c> row written in the same transaction as
/// the effect, forgotten after <see cref="IdempotencyRecords.Lifetime"/>. The primary key makes a second instance's
/// record of the same key fail its transaction, so an effect lands once across instances.
/// </summary>
internal sealed class PgIdempotencyRecords(NpgsqlDataSource source, PgCommitQueue commits, TimeProvider time) : IIdempotencyPurge
{
    public bool Seen(string key)
    {
        using var command = source.CreateCommand("SELECT 1 FROM idempotency WHERE key = @key");
        command.Parameters.AddWithValue("key", Key(key));
        return command.ExecuteScalar() is not null;
    }

    public void Record(TurnWork work, string key)
    {
        ArgumentNullException.ThrowIfNull(work);
        var hashed = Key(key);
        var at = time.GetUtcNow();
        work.Write(() => Insert(PgWrite.Current, hashed, at));
    }

    /// <summary>A record by its hashed key, in the open transaction: taken now, or moved from a LiteDB desk (same hash).</summary>
    internal static void Insert(PgWrite write, string hashedKey, DateTimeOffset at) =>
        write.Execute("INSERT INTO idempotency (key, at) VALUES (@key, @at)", ("key", hashedKey), ("at", at));

    public Task PurgeAsync()
    {
        var before = time.GetUtcNow() - IdempotencyRecords.Lifetime;
        return commits.EnqueueAsync(write => write.Execute("DELETE FROM idempotency WHERE at < @before", ("before", before)));
    }

    /// <summary>A short fixed-length key, as on LiteDB: activity keys run to a hundred characters.</summary>
    private static string Key(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 18);
}
