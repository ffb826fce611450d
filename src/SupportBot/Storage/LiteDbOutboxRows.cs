using LiteDB;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// The outbox on LiteDB: rows of the <c>outbox</c> collection, payloads as documents of the one mapper. A LiteDB file
/// has one process, so a claim leases nothing: the one dispatcher is the only one that delivers.
/// </summary>
internal sealed class LiteDbOutboxRows : IOutboxRows
{
    private const string CollectionName = "outbox";
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Parked = "parked";

    // Pending rows in id order (the order they were added), and nothing else: a delivered or parked row's key is null,
    // so a claim seeks straight to the first pending row and reads on only until it has enough due rows. Sorting the
    // state index's rows by id instead read every pending row, payload and all, on every pass (bench/README.md, "The
    // outbox kept up").
    private const string PendingOrderIndex = "pendingOrder";
    private const string PendingOrder = "IIF($.state = 'pending', $._id, null)";
    private static readonly BsonExpression PendingOrdered = BsonExpression.Create(PendingOrder);

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly TimeProvider _time;

    public LiteDbOutboxRows(ILiteDatabase database, LiteDbCommitQueue commits, TimeProvider time)
    {
        (_database, _commits, _time) = (database, commits, time);

        // Here, as every store makes its indexes, never inside the writer's group transaction: one made there and rolled
        // back with it would leave every claim reading and sorting the whole collection.
        Rows.EnsureIndex("state");
        Rows.EnsureIndex(PendingOrderIndex, PendingOrder);
    }

    public event Action? Added;

    private ILiteCollection<BsonDocument> Rows => _database.GetCollection(CollectionName);

    public void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class
    {
        var row = new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId(),
            ["kind"] = kind,
            ["key"] = key,
            ["payload"] = _database.Mapper.ToDocument(payload),
            ["state"] = Pending,
            ["due"] = _time.GetUtcNow().UtcTicks,
            ["attempts"] = 0,
            ["done"] = 0,
        };
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Rows.Insert(row));
            work.AfterCommit(() => Added?.Invoke());
            return;
        }

        _commits.EnqueueAsync(() => Rows.Insert(row)).GetAwaiter().GetResult();
        Added?.Invoke();
    }

    public IReadOnlyList<OutboxRow> PendingRows(int limit) => [.. InOrder().Take(limit).Select(Read)];

    /// <summary>
    /// Due rows, each the oldest pending row of its key, oldest first, and when the first of those not yet due falls due.
    /// One process per file leases nothing: nobody else delivers. A row waiting for a later try holds the rows of its key
    /// behind it, and only it: before, every pending row was handed out, and a hundred rows waiting for a later try kept
    /// the dispatcher claiming them again at once, without end, while due rows behind them waited.
    /// </summary>
    public Task<OutboxClaim> ClaimAsync(int limit, TimeSpan lease)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var claimed = new List<OutboxRow>();
        long? nextDue = null;
        foreach (var row in InOrder())
        {
            if (!keys.Add(row["key"].AsString))
            {
                continue;
            }

            var due = row["due"].AsInt64;
            if (due > now)
            {
                nextDue = Math.Min(nextDue ?? due, due);
                continue;
            }

            claimed.Add(Read(row));
            if (claimed.Count == limit)
            {
                break;
            }
        }

        return Task.FromResult(new OutboxClaim(claimed, nextDue is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null));
    }

    public Task<bool> RenewAsync(OutboxRow row, TimeSpan lease) => Task.FromResult(true);

    // One process per file: nobody else would claim the rows, and the next start finds them pending anyway.
    public Task ReleaseAsync(IReadOnlyCollection<OutboxRow> rows) => Task.CompletedTask;

    public Task WatchOtherInstancesAsync(Action wake, CancellationToken stop) => Task.CompletedTask;

    public int Count(OutboxRowState state) => Rows.Count(LiteFilter.Where.Eq("state", Name(state)).Expression());

    public Task<bool> MarkDeliveredAsync(OutboxRow row) =>
        Update(row, document => { document["state"] = Delivered; document["deliveredAt"] = _time.GetUtcNow().UtcTicks; });

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
        var before = (_time.GetUtcNow() - age).UtcTicks;
        return _commits.EnqueueAsync(() => Rows.DeleteMany(LiteFilter.Where.Eq("state", Delivered).Lt("deliveredAt", before).Expression()));
    }

    private static string Name(OutboxRowState state) => state switch
    {
        OutboxRowState.Pending => Pending,
        OutboxRowState.Delivered => Delivered,
        _ => Parked,
    };

    private Task<bool> Update(OutboxRow row, Action<BsonDocument> change) => _commits.EnqueueAsync(() =>
    {
        if (Rows.ByKey(new ObjectId(row.Id)) is { } document)
        {
            change(document);
            Rows.Update(document);
        }

        return true;
    });

    /// <summary>Pending rows, oldest first, read one by one as the caller goes.</summary>
    private IEnumerable<BsonDocument> InOrder() => Rows.Query()
        .Where(LiteFilter.Where.AtLeast(PendingOrder, ObjectId.Empty).Expression())
        .OrderBy(PendingOrdered)
        .ToDocuments();

    private OutboxRow Read(BsonDocument row) => new(
        row["_id"].AsObjectId.ToString(),
        row["kind"].AsString,
        row["key"].AsString,
        new BsonOutboxMessage(row["payload"].AsDocument, _database.Mapper),
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
