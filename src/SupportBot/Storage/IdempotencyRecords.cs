using LiteDB;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// What has already taken effect, by its idempotency key (a channel activity without a conversation): a row of the
/// <c>idempotency</c> collection written in the same transaction as the effect, so a press or redelivery after a
/// crash or restart finds it. Rows are forgotten after <see cref="Lifetime"/>; nobody redelivers a day-old activity.
/// </summary>
internal sealed class IdempotencyRecords(ILiteDatabase database, LiteDbCommitQueue commits, TimeProvider time) : IIdempotencyPurge
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    // Before conversations kept their handled activities in their own row (HandledActivities), every activity had a
    // row here: a file from then is asked too, for as long as its rows can live.
    private readonly DateTimeOffset _earlierLayoutUntil =
        database.GetCollection("idempotency").FindAll().Any() ? time.GetUtcNow() + Lifetime : DateTimeOffset.MinValue;

    private ILiteCollection<BsonDocument> Records => database.GetCollection("idempotency");

    /// <summary>Whether the file may still hold a record of an activity from before <see cref="HandledActivities"/>.</summary>
    public bool HoldsEarlierLayout => time.GetUtcNow() < _earlierLayoutUntil;

    public bool Seen(string key) => Records.ByKey(Key(key)) is not null;

    /// <summary>A short, fixed-length index key (activity keys run to a hundred characters; the index walks them on every insert).</summary>
    private static string Key(string key) => Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), 0, 18);

    /// <summary>Every record taken after <paramref name="since"/>, by its hashed key: what a move to another engine copies.</summary>
    internal static IEnumerable<(string HashedKey, DateTimeOffset At)> Since(ILiteDatabase database, DateTimeOffset since) =>
        database.GetCollection("idempotency").Find(LiteFilter.Where.Gt("at", since.UtcTicks - 1).Expression())
            .Select(row => (row["_id"].AsString, new DateTimeOffset(row["at"].AsInt64, TimeSpan.Zero)));

    /// <summary>Records <paramref name="key"/> in the turn's transaction.</summary>
    public void Record(TurnWork work, string key)
    {
        // Built here, on the turn's thread: the writer thread is what every turn's commit waits for.
        var record = new BsonDocument { ["_id"] = Key(key), ["at"] = time.GetUtcNow().UtcTicks };
        work.Write(() => Records.Insert(record));
    }

    public Task PurgeAsync()
    {
        var before = (time.GetUtcNow() - Lifetime).UtcTicks;
        return commits.EnqueueAsync(() => Records.DeleteMany(LiteFilter.Where.Lt("at", before).Expression()));
    }
}
