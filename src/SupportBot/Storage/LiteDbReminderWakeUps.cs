using LiteDB;
using SupportBot.Reminders;

namespace SupportBot.Storage;

/// <summary>
/// Reminder wake-ups in the <c>reminderWakeUps</c> collection: <c>{ _id: ticket number, at: UTC ticks }</c>, indexed
/// by <c>at</c>. Each write is its own small entry on the commit queue, so it shares the turns' group commits.
/// </summary>
internal sealed class LiteDbReminderWakeUps : IReminderWakeUps
{
    private const string CollectionName = "reminderWakeUps";
    private const string AtKey = "$.at";

    // A start-up rebuild of many tickets commits in pieces, so that no single transaction holds them all in memory.
    private const int ReplaceChunk = 5_000;

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;

    public LiteDbReminderWakeUps(ILiteDatabase database, LiteDbCommitQueue commits)
    {
        _database = database;
        _commits = commits;
        LiteDbCollections.Existing(database, CollectionName);
        Rows.EnsureIndex("at", AtKey);
    }

    private ILiteCollection<BsonDocument> Rows => _database.GetCollection(CollectionName);

    // The comparison with the row already there runs on the writer thread, after every earlier queued write: most
    // changes to a ticket leave its wake-up where it was, and then nothing is written.
    public Task SetAsync(string number, DateTimeOffset? at) => _commits.EnqueueAsync(() => Set(number, at));

    // Only the difference is written: after a restart most rows are already what the tickets say.
    public async Task ReplaceAllAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> wakeUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUps);
        var stale = Rows.FindAll().ToDictionary(row => row["_id"].AsString, row => row["at"].AsInt64, StringComparer.Ordinal);
        var added = new List<BsonDocument>();
        var moved = new List<BsonDocument>();
        foreach (var (number, at) in wakeUps)
        {
            if (!stale.Remove(number, out var was))
            {
                added.Add(Row(number, at));
            }
            else if (was != at.UtcTicks)
            {
                moved.Add(Row(number, at));
            }
        }

        foreach (var chunk in stale.Keys.Chunk(ReplaceChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _commits.EnqueueAsync(() => Rows.DeleteMany(LiteFilter.Where.In("_id", new BsonArray(chunk.Select(number => new BsonValue(number)))).Expression()));
        }

        // New rows are inserted, not upserted: a first start on a file from before the rows existed writes every one.
        foreach (var chunk in added.Chunk(ReplaceChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _commits.EnqueueAsync(() => Rows.Insert(chunk));
        }

        foreach (var chunk in moved.Chunk(ReplaceChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _commits.EnqueueAsync(() => Rows.Update(chunk));
        }
    }

    public IReadOnlyList<string> DueBy(DateTimeOffset now, int limit) =>
        [.. Rows.Query()
            .Where(LiteFilter.Where.Between(AtKey, long.MinValue, now.UtcTicks).Expression())
            .OrderBy(AtKey)
            .Limit(limit)
            .ToEnumerable()
            .Select(row => row["_id"].AsString)];

    public DateTimeOffset? Earliest() =>
        Rows.Query().OrderBy(AtKey).Limit(1).ToEnumerable().Select(row => (DateTimeOffset?)At(row)).FirstOrDefault();

    private bool Set(string number, DateTimeOffset? at)
    {
        if (at is not { } when)
        {
            return Rows.Delete(number);
        }

        if (Rows.ByKey(number) is { } row && row["at"].AsInt64 == when.UtcTicks)
        {
            return false;
        }

        return Rows.Upsert(Row(number, when));
    }

    private static BsonDocument Row(string number, DateTimeOffset at) => new() { ["_id"] = number, ["at"] = at.UtcTicks };

    private static DateTimeOffset At(BsonDocument row) => new(row["at"].AsInt64, TimeSpan.Zero);

    /// <summary>Every ticket's wake-up: what a move to another engine copies.</summary>
    internal static IEnumerable<(string Number, DateTimeOffset At)> All(ILiteDatabase database) =>
        database.GetCollection(CollectionName).FindAll().Select(row => (row["_id"].AsString, At(row)));
}
