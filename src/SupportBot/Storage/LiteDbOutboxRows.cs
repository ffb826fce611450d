using LiteDB;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// The outbox on LiteDB: rows of the <c>outbox</c> collection, payloads as documents of the one mapper. A LiteDB file
/// has one process, so a claim leases nothing: the one dispatcher is the only one that delivers.
/// </summary>
internal sealed class LiteDbOutboxRows(ILiteDatabase database, LiteDbCommitQueue commits, TimeProvider time) : IOutboxRows
{
    private const string CollectionName = "outbox";
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Parked = "parked";

    private bool _indexed;

    public event Action? Added;

    private ILiteCollection<BsonDocument> Rows
    {
        get
        {
            var rows = database.GetCollection(CollectionName);
            if (!_indexed)
            {
                rows.EnsureIndex("state");
                _indexed = true;
            }

            return rows;
        }
    }

    public void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class
    {
        var row = new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId(),
            ["kind"] = kind,
            ["key"] = key,
            ["payload"] = database.Mapper.ToDocument(payload),
            ["state"] = Pending,
            ["due"] = time.GetUtcNow().UtcTicks,
            ["attempts"] = 0,
            ["done"] = 0,
        };
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Rows.Insert(row));
            work.AfterCommit(() => Added?.Invoke());
            return;
        }

        commits.EnqueueAsync(() => Rows.Insert(row)).GetAwaiter().GetResult();
        Added?.Invoke();
    }

    public IReadOnlyList<OutboxRow> PendingRows(int limit) =>
        [.. Rows.Find(LiteFilter.Where.Eq("state", Pending).Expression()).OrderBy(row => row["_id"].AsObjectId).Take(limit).Select(Read)];

    // One process per file: nobody else delivers, so the dispatcher gets every pending row and keeps a key's order itself.
    public Task<OutboxClaim> ClaimAsync(int limit, TimeSpan lease) => Task.FromResult(new OutboxClaim(PendingRows(limit), null));

    public Task<bool> RenewAsync(OutboxRow row, TimeSpan lease) => Task.FromResult(true);

    // One process per file: nobody else would claim the rows, and the next start finds them pending anyway.
    public Task ReleaseAsync(IReadOnlyCollection<OutboxRow> rows) => Task.CompletedTask;

    public Task WatchOtherInstancesAsync(Action wake, CancellationToken stop) => Task.CompletedTask;

    public int Count(OutboxRowState state) => Rows.Count(LiteFilter.Where.Eq("state", Name(state)).Expression());

    public Task<bool> MarkDeliveredAsync(OutboxRow row) =>
        Update(row, document => { document["state"] = Delivered; document["deliveredAt"] = time.GetUtcNow().UtcTicks; });

    public Task<bool> ProgressAsync(OutboxRow row, int done) => Update(row, document => document["done"] = done);

    public Task<bool> RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason) => Update(row, document =>
    {
        document["attempts"] = attempts;
        document["due"] = due.UtcTicks;
        document["lastError"] = reason;
    });

    public Task<bool> ParkAsync(OutboxRow row, int attempts, string reason) => Update(row, document =>
    {
        document["state"] = Parked;
        document["attempts"] = attempts;
        document["lastError"] = reason;
    });

    public Task PurgeDeliveredAsync(TimeSpan age)
    {
        var before = (time.GetUtcNow() - age).UtcTicks;
        return commits.EnqueueAsync(() => Rows.DeleteMany(LiteFilter.Where.Eq("state", Delivered).Lt("deliveredAt", before).Expression()));
    }

    private static string Name(OutboxRowState state) => state switch
    {
        OutboxRowState.Pending => Pending,
        OutboxRowState.Delivered => Delivered,
        _ => Parked,
    };

    private Task<bool> Update(OutboxRow row, Action<BsonDocument> change) => commits.EnqueueAsync(() =>
    {
        if (Rows.ByKey(new ObjectId(row.Id)) is { } document)
        {
            change(document);
            Rows.Update(document);
        }

        return true;
    });

    private OutboxRow Read(BsonDocument row) => new(
        row["_id"].AsObjectId.ToString(),
        row["kind"].AsString,
        row["key"].AsString,
        new BsonOutboxMessage(row["payload"].AsDocument, database.Mapper),
        new DateTimeOffset(row["due"].AsInt64, TimeSpan.Zero),
        row["attempts"].AsInt32,
        row["done"].AsInt32);

    /// <summary>
    /// Every row in the order it was written, with its tries, progress and outcome, its payload as the document the mapper
    /// wrote: what a move to another engine copies (the payload then read as its kind's type).
    /// </summary>
    internal static IEnumerable<(string Kind, string Key, BsonDocument Payload, OutboxRowState State, DateTimeOffset Due, int Attempts, int Done, string? LastError, DateTimeOffset? DeliveredAt)> All(ILiteDatabase database) =>
        database.GetCollection(CollectionName).FindAll().OrderBy(row => row["_id"].AsObjectId).Select(row => (
            row["kind"].AsString,
            row["key"].AsString,
            row["payload"].AsDocument,
            row["state"].AsString switch { Pending => OutboxRowState.Pending, Delivered => OutboxRowState.Delivered, _ => OutboxRowState.Parked },
            new DateTimeOffset(row["due"].AsInt64, TimeSpan.Zero),
            row["attempts"].AsInt32,
            row["done"].AsInt32,
            row.TryGetValue("lastError", out var error) && error.IsString ? error.AsString : null,
            row.TryGetValue("deliveredAt", out var at) && at.IsInt64 ? (DateTimeOffset?)new DateTimeOffset(at.AsInt64, TimeSpan.Zero) : null));
}

/// <summary>A row's payload document, read back through the mapper that wrote it.</summary>
internal sealed class BsonOutboxMessage(BsonDocument payload, BsonMapper mapper) : OutboxMessage
{
    public override TPayload Read<TPayload>() => mapper.ToObject<TPayload>(payload);
}
