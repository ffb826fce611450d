using LiteDB;
using SupportBot.Common;
using SupportBot.Reminders;

namespace SupportBot.Storage;

/// <summary>
/// Held nudges in the <c>heldNudges</c> collection, one row per delivery (its key is the row's id, so holding the same
/// nudge twice keeps one row). Rows are few and short-lived: a window lasts minutes, then its rows are released.
/// </summary>
internal sealed class LiteDbHeldNudges : IHeldNudges
{
    private const string CollectionName = "heldNudges";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;

    public LiteDbHeldNudges(ILiteDatabase database, LiteDbCommitQueue commits)
    {
        _database = database;
        _commits = commits;
        LiteDbCollections.Existing(database, CollectionName);
        Rows.EnsureIndex("engineer");
        Rows.EnsureIndex("number");
    }

    private ILiteCollection<BsonDocument> Rows => _database.GetCollection(CollectionName);

    public void Hold(OwedReminder nudge, string engineerId, DateTimeOffset flushAt)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        var row = new BsonDocument
        {
            ["_id"] = nudge.ToDelivery().Key,
            ["engineer"] = engineerId,
            ["number"] = nudge.Number,
            ["flushAt"] = flushAt.UtcTicks,
            ["nudge"] = _database.Mapper.ToDocument(nudge),
        };
        Write(() => Rows.Upsert(row));
    }

    public void Release(IEnumerable<string> deliveryKeys)
    {
        BsonValue[] keys = [.. deliveryKeys.Select(key => new BsonValue(key))];
        if (keys.Length > 0)
        {
            Write(() => Rows.DeleteMany(LiteFilter.Where.In("_id", new BsonArray(keys)).Expression()));
        }
    }

    public IReadOnlySet<string> KeysOf(string number) =>
        Rows.Find(LiteFilter.Where.Eq("number", number).Expression()).Select(row => row["_id"].AsString).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<HeldNudge> Of(string engineerId) =>
        [.. Rows.Find(LiteFilter.Where.Eq("engineer", engineerId).Expression()).Select(row => new HeldNudge(_database.Mapper.ToObject<OwedReminder>(row["nudge"].AsDocument), At(row)))];

    public IReadOnlyList<(string EngineerId, DateTimeOffset FlushAt)> Windows() =>
        [.. Rows.FindAll().GroupBy(row => row["engineer"].AsString, StringComparer.Ordinal).Select(held => (held.Key, held.Min(At)))];

    private static DateTimeOffset At(BsonDocument row) => new(row["flushAt"].AsInt64, TimeSpan.Zero);

    /// <summary>Inside a unit of work the write joins its transaction; outside one it is committed before this returns.</summary>
    private void Write(Action write)
    {
        if (TurnWork.Current is { } work)
        {
            work.Write(write);
            return;
        }

        _commits.EnqueueAsync(() =>
        {
            write();
            return true;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Every held nudge with its engineer and when it is flushed: what a move to another engine copies.</summary>
    internal static IEnumerable<(OwedReminder Nudge, string EngineerId, DateTimeOffset FlushAt)> All(ILiteDatabase database) =>
        database.GetCollection(CollectionName).FindAll().Select(row => (database.Mapper.ToObject<OwedReminder>(row["nudge"].AsDocument), row["engineer"].AsString, At(row)));
}
