using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// One message (or group of messages) still to send, written in the transaction of the change that caused it.
/// <c>Id</c> is the engine's own key, in the order rows were written; rows with the same <c>Key</c> (a ticket's number)
/// are delivered in that order. <c>Done</c> counts the sends of this row that already went out: a try that failed
/// half-way resumes after them.
/// </summary>
internal sealed record OutboxRow(string Id, string Kind, string Key, OutboxMessage Message, DateTimeOffset Due, int Attempts, int Done);

/// <summary>
/// What one claim took, oldest first, and when to look again for what it could not take yet (a retry falling due,
/// another instance's lease running out); null when nothing waits, or when the claim was full (the dispatcher claims
/// again at once).
/// </summary>
internal sealed record OutboxClaim(IReadOnlyList<OutboxRow> Rows, DateTimeOffset? NextDue);

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

    /// <summary>Rows not yet delivered or parked, oldest first, as they stand (the dispatcher claims rows instead).</summary>
    IReadOnlyList<OutboxRow> PendingRows(int limit);

    /// <summary>
    /// Takes up to <paramref name="limit"/> rows to deliver, oldest first: due rows, each the oldest pending row of its
    /// key. Where instances share the outbox, only rows held by no other instance, leased for <paramref name="lease"/>, so
    /// another instance claims none of them, nor a later row of their keys, until each is marked or its lease runs out
    /// (the instance died). One process alone needs no lease. With no row to take, the claim says when one falls due.
    /// </summary>
    Task<OutboxClaim> ClaimAsync(int limit, TimeSpan lease);

    /// <summary>Extends this instance's lease of <paramref name="row"/>; false when another instance holds it now.</summary>
    Task<bool> RenewAsync(OutboxRow row, TimeSpan lease);

    /// <summary>
    /// Gives up this instance's lease of rows it claimed and never tried (at shutdown), so another instance claims them
    /// at once instead of after the lease, and tells the others so. Rows another instance holds now are left alone.
    /// </summary>
    Task ReleaseAsync(IReadOnlyCollection<OutboxRow> rows);

    /// <summary>
    /// Runs until <paramref name="stop"/>, calling <paramref name="wake"/> whenever another instance sharing the database
    /// committed rows (<see cref="Added"/> tells only of this one's). An engine no other instance shares returns at once.
    /// </summary>
    Task WatchOtherInstancesAsync(Action wake, CancellationToken stop);

    int Count(OutboxRowState state);

    // Each mark is refused (false) when another instance has leased the row since (this one's lease ran out): that
    // instance owns the row now, and its outcome is the one kept.
    Task<bool> MarkDeliveredAsync(OutboxRow row);

    Task<bool> ProgressAsync(OutboxRow row, int done);

    /// <summary>Sets the row's next try and gives up the lease: whichever instance claims it when it falls due tries it.</summary>
    Task<bool> RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason);

    Task<bool> ParkAsync(OutboxRow row, int attempts, string reason);

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
