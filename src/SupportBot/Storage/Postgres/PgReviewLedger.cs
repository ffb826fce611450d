using System.Security.Cryptography;
using Npgsql;
using SupportBot.Review;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// The weekly review's ledger on PostgreSQL: a <c>reviews</c> row per review handed to the outbox, written in the same
/// transaction as its outbox rows, so a review is either sent and recorded or neither, also across a crash.
/// </summary>
internal sealed class PgReviewLedger(NpgsqlDataSource source, PgCommitQueue commits, TimeProvider time) : IReviewLedger
{
    private const string SinceName = "since";
    private const string KeyName = "signing-key";

    private readonly PgJobTransactions _jobs = new(commits);

    public bool WasSent(string key)
    {
        using var command = source.CreateCommand("SELECT 1 FROM reviews WHERE key = @key");
        command.Parameters.AddWithValue("key", key);
        return command.ExecuteScalar() is not null;
    }

    public async Task<bool> SendOnceAsync(string key, Action send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (WasSent(key))
        {
            return false;
        }

        var at = time.GetUtcNow();
        return await _jobs.RunOnceAsync(send, claim: write => Record(write, key, at));
    }

    public async Task<DateTimeOffset> SinceAsync(DateTimeOffset now) =>
        DateTimeOffset.Parse(await GetOrAddAsync(SinceName, now.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<byte[]> SigningKeyAsync() =>
        Convert.FromBase64String(await GetOrAddAsync(KeyName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>A value kept once: the first writer's, also when two instances race (the loser's insert does nothing).</summary>
    private async Task<string> GetOrAddAsync(string name, string candidate)
    {
        using (var read = source.CreateCommand("SELECT value FROM review_values WHERE name = @name"))
        {
            read.Parameters.AddWithValue("name", name);
            if (read.ExecuteScalar() is string found)
            {
                return found;
            }
        }

        return await commits.EnqueueAsync(write =>
        {
            Keep(write, name, candidate);
            return (string)write.Scalar("SELECT value FROM review_values WHERE name = @name", ("name", name))!;
        });
    }

    /// <summary>Records a review as sent (true unless it was already), in the open transaction: now, or moved from a LiteDB desk.</summary>
    internal static bool Record(PgWrite write, string key, DateTimeOffset at) =>
        write.Execute("INSERT INTO reviews (key, at) VALUES (@key, @at) ON CONFLICT (key) DO NOTHING", ("key", key), ("at", at)) == 1;

    /// <summary>Where the reviews begin, as a LiteDB desk kept it, in the open transaction.</summary>
    internal static void ImportSince(PgWrite write, DateTimeOffset since) =>
        Keep(write, SinceName, since.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The review links' signing key a LiteDB desk made (links already sent keep opening), in the open transaction.</summary>
    internal static void ImportSigningKey(PgWrite write, byte[] key) => Keep(write, KeyName, Convert.ToBase64String(key));

    private static void Keep(PgWrite write, string name, string value) =>
        write.Execute("INSERT INTO review_values (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING", ("name", name), ("value", value));
}
