using System.Security.Cryptography;
using LiteDB;
using SupportBot.Review;

namespace SupportBot.Storage;

/// <summary>
/// The weekly review's ledger in the <c>reviews</c> collection: one row per review handed to the outbox, written in
/// the same transaction as its outbox rows, so a review is either sent and recorded or neither, also across a crash.
/// </summary>
internal sealed class LiteDbReviewLedger : IReviewLedger
{
    private const string CollectionName = "reviews";
    private const string SinceId = "\u0000since";
    private const string KeyId = "\u0000signing-key";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly LiteDbJobTransactions _jobs;
    private readonly TimeProvider _time;

    public LiteDbReviewLedger(ILiteDatabase database, LiteDbCommitQueue commits, TimeProvider time)
    {
        _database = database;
        _commits = commits;
        _jobs = new LiteDbJobTransactions(commits);
        _time = time;
        LiteDbCollections.Existing(database, CollectionName);
    }

    private ILiteCollection<BsonDocument> Rows => _database.GetCollection(CollectionName);

    public bool WasSent(string key) => Rows.ByKey(key) is not null;

    public async Task<bool> SendOnceAsync(string key, Action send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (WasSent(key))
        {
            return false;
        }

        // The outbox joins this unit as it joins a turn's; the record is checked again on the writer thread, so two
        // callers racing for one key send it once.
        var row = new BsonDocument { ["_id"] = key, ["at"] = _time.GetUtcNow().UtcTicks };
        return await _jobs.RunOnceAsync(send, alreadyDone: () => WasSent(key), record: () => Rows.Insert(row));
    }

    public async Task<DateTimeOffset> SinceAsync(DateTimeOffset now) =>
        new(long.Parse(await GetOrAddAsync(SinceId, () => now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);

    public async Task<byte[]> SigningKeyAsync() =>
        Convert.FromBase64String(await GetOrAddAsync(KeyId, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>A value kept once: the first caller's, also when two race (the writer thread settles it).</summary>
    private async Task<string> GetOrAddAsync(string id, Func<string> create) =>
        Rows.ByKey(id) is { } found ? found["value"].AsString : await _commits.EnqueueAsync(() =>
        {
            if (Rows.ByKey(id) is { } raced)
            {
                return raced["value"].AsString;
            }

            var value = create();
            Rows.Insert(new BsonDocument { ["_id"] = id, ["value"] = value });
            return value;
        });

    /// <summary>
    /// What the ledger holds: the reviews sent (key, when), where reviews begin and the links' signing key (null when never
    /// made): what a move to another engine copies, so no review goes twice and links already sent keep opening.
    /// </summary>
    internal static (IReadOnlyList<(string Key, DateTimeOffset At)> Sent, DateTimeOffset? Since, byte[]? SigningKey) All(ILiteDatabase database)
    {
        var rows = database.GetCollection(CollectionName).FindAll().ToList();
        string? Value(string id) => rows.FirstOrDefault(row => row["_id"].AsString == id)?["value"].AsString;
        var since = Value(SinceId);
        var key = Value(KeyId);
        return (
            [.. rows.Where(row => !row["_id"].AsString.StartsWith('\u0000')).Select(row => (row["_id"].AsString, new DateTimeOffset(row["at"].AsInt64, TimeSpan.Zero)))],
            since is null ? null : new DateTimeOffset(long.Parse(since, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
            key is null ? null : Convert.FromBase64String(key));
    }
}
