using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// One message (or group of messages) still to send, written in the transaction of the change that caused it.
/// <c>Id</c> is the engine's own key, in the order rows were written; rows with the same <c>Key</c> (a ticket's number)
/// are delivered in that order. <c>Done</c> counts the sends of this row that already went out: a try that failed
/// half-way resumes after them.
/// </summary>
internal sealed record OutboxRow(string Id, string Kind, string Key, OutboxMessage Message, DateTimeOffset Due, int Attempts, int Done);

/// <summary>Where an outbox row stands: waiting (for its first or a later try), sent, or given up.</summary>
internal enum OutboxRowState
{
    Pending,
    Delivered,
    Parked,
}

/// <summary>
/// The transactional outbox's rows, whichever engine keeps them (<see cref="LiteDbOutboxRows"/>,
/// <see cref="Postgres.PgOutboxRows"/>). Inside a turn a row joins the turn's transaction, so a message exists exactly
/// when the change it announces does; <see cref="OutboxDispatcher"/> delivers rows and marks each one delivered, or
/// parks it with its reason after the last try.
/// </summary>
internal interface IOutboxRows
{
    /// <summary>Raised once new rows are committed, so the dispatcher need not poll.</summary>
    event Action? Added;

    /// <summary>
    /// Adds a row: in the current turn's transaction, or outside a turn (a reminder job) committed before this returns,
    /// because whoever changed the ticket has committed that change already and the message must be as durable.
    /// </summary>
    void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class;

    /// <summary>Rows not yet delivered or parked, oldest first.</summary>
    IReadOnlyList<OutboxRow> PendingRows(int limit);

    int Count(OutboxRowState state);

    Task MarkDeliveredAsync(OutboxRow row);

    Task ProgressAsync(OutboxRow row, int done);

    Task RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason);

    Task ParkAsync(OutboxRow row, int attempts, string reason);

    /// <summary>Forgets delivered rows older than <paramref name="age"/>: the outbox is a queue, not an archive.</summary>
    Task PurgeDeliveredAsync(TimeSpan age);
}

/// <summary>The features' <see cref="IOutbox"/>: rows in the engine's outbox, delivered by the one dispatcher.</summary>
internal sealed class DispatchedOutbox(IOutboxRows rows, OutboxDispatcher dispatcher) : IOutbox
{
    public void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class => rows.Add(kind, key, payload);

    public Task DrainAsync() => dispatcher.DrainAsync();
}
