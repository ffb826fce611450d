using LiteDB;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// One message (or group of messages) still to send, written in the transaction of the change that caused it.
/// <c>Key</c> orders rows: rows with the same key (a ticket's number) are delivered in the order they were written.
/// <c>Done</c> counts the sends of this row that already went out: a try that failed half-way resumes after them.
/// </summary>
internal sealed record OutboxRow(ObjectId Id, string Kind, string Key, BsonDocument Payload, DateTimeOffset Due, int Attempts, int Done);

/// <summary>
/// The transactional outbox: proactive messages as rows of the <c>outbox</c> collection. Inside a turn a row joins the
/// turn's transaction, so a message exists exactly when the change it announces does; <see cref="OutboxDispatcher"/>
/// delivers rows and marks each one delivered, or parks it with its reason after the last try.
/// </summary>
internal sealed class Outbox(ILiteDatabase database, LiteDbCommitQueue commits, TimeProvider time)
{
    private const string CollectionName = "outbox";
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Parked = "parked";

    private bool _indexed;

    /// <summary>The one mapper payloads are stored with.</summary>
    public BsonMapper Mapper => database.Mapper;

    /// <summary>Raised once new rows are committed, so the dispatcher need not poll.</summary>
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

    public void Add(string kind, string key, BsonDocument payload)
    {
        var row = new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId(),
            ["kind"] = kind,
            ["key"] = key,
            ["payload"] = payload,
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

        // Outside a turn (a reminder job) the row is committed before Publish returns: whoever changed the ticket
        // has committed that change already, and the message must be as durable as it before the caller goes on.
        commits.EnqueueAsync(() => Rows.Insert(row)).GetAwaiter().GetResult();
        Added?.Invoke();
    }

    /// <summary>Rows not yet delivered or parked, oldest first.</summary>
    public IReadOnlyList<OutboxRow> PendingRows(int limit) =>
        [.. Rows.Find(LiteFilter.Where.Eq("state", Pending).Expression()).OrderBy(row => row["_id"].AsObjectId).Take(limit).Select(Read)];

    public int Count(string state) => Rows.Count(LiteFilter.Where.Eq("state", state).Expression());

    public Task MarkDeliveredAsync(OutboxRow row) =>
        Update(row, document => { document["state"] = Delivered; document["deliveredAt"] = time.GetUtcNow().UtcTicks; });

    public Task ProgressAsync(OutboxRow row, int done) => Update(row, document => document["done"] = done);

    public Task RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason) => Update(row, document =>
    {
        document["attempts"] = attempts;
        document["due"] = due.UtcTicks;
        document["lastError"] = reason;
    });

    public Task ParkAsync(OutboxRow row, int attempts, string reason) => Update(row, document =>
    {
        document["state"] = Parked;
        document["attempts"] = attempts;
        document["lastError"] = reason;
    });

    /// <summary>Forgets delivered rows older than <paramref name="age"/>: the outbox is a queue, not an archive.</summary>
    public Task PurgeDeliveredAsync(TimeSpan age)
    {
        var before = (time.GetUtcNow() - age).UtcTicks;
        return commits.EnqueueAsync(() => Rows.DeleteMany(LiteFilter.Where.Eq("state", Delivered).Lt("deliveredAt", before).Expression()));
    }

    private Task<bool> Update(OutboxRow row, Action<BsonDocument> change) => commits.EnqueueAsync(() =>
    {
        if (Rows.ByKey(row.Id) is { } document)
        {
            change(document);
            Rows.Update(document);
        }

        return true;
    });

    private static OutboxRow Read(BsonDocument row) => new(
        row["_id"].AsObjectId,
        row["kind"].AsString,
        row["key"].AsString,
        row["payload"].AsDocument,
        new DateTimeOffset(row["due"].AsInt64, TimeSpan.Zero),
        row["attempts"].AsInt32,
        row["done"].AsInt32);
}

/// <summary>The features' <see cref="IOutbox"/> on LiteDB: a payload is a document of the one mapper.</summary>
internal sealed class LiteDbOutbox(Outbox rows, OutboxDispatcher dispatcher) : IOutbox
{
    public void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class => rows.Add(kind, key, rows.Mapper.ToDocument(payload));

    public Task DrainAsync() => dispatcher.DrainAsync();
}

/// <summary>A row's payload document, read back through the mapper that wrote it.</summary>
internal sealed class BsonOutboxMessage(BsonDocument payload, BsonMapper mapper) : OutboxMessage
{
    public override TPayload Read<TPayload>() => mapper.ToObject<TPayload>(payload);
}
