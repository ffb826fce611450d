namespace SupportBot.Tickets;

/// <summary>
/// Where tickets live. Owned by the Tickets feature; LiteDB implements it now, a shared database later.
/// Synchronous on purpose: the embedded store has no async I/O to offer.
/// </summary>
internal interface ITicketStore
{
    /// <summary>
    /// Allocates the next serial of <paramref name="day"/> and inserts the ticket <paramref name="build"/> makes with
    /// it, in one atomic step: concurrent creations get distinct serials and a failed insert leaves no gap.
    /// </summary>
    Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build);

    Ticket? Find(string number);

    /// <summary>The ticket filed from the intake form <paramref name="formId"/>, if one was.</summary>
    Ticket? FindByForm(string formId);

    /// <summary>
    /// Saves <paramref name="changed"/> if the stored ticket still has <c>changed.Version</c>; the saved ticket
    /// carries the next version. History may only grow: an update that rewrites it is a programming error.
    /// </summary>
    TicketUpdate TryUpdate(Ticket changed);

    IReadOnlyList<Ticket> Query(TicketQuery query);

    /// <summary>Whether a ticket filed from <paramref name="conversation"/> is still open: its notices and cards go there.</summary>
    bool AnyOpenFiledFrom(ConversationAddress conversation);

    /// <summary>
    /// Every open ticket with a deadline still to meet (an indexed due time), and every closed one not yet archived (its
    /// archive deadline is still to meet), read lazily: what the reminders are
    /// rebuilt from at start-up. Enumerate it on one thread, without awaiting in between: LiteDB holds a read lock for
    /// the open query on the thread that opened it.
    /// </summary>
    IEnumerable<Ticket> OpenWithDeadlines();

    /// <summary>Tickets submitted in [from, to), oldest first, read lazily (exports and reviews); same threading rule as <see cref="OpenWithDeadlines"/>.</summary>
    IEnumerable<Ticket> SubmittedBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The outlines of the tickets submitted in [from, to), read lazily (the review's figures); same threading rule.</summary>
    IEnumerable<TicketOutline> OutlinesSubmittedBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The outlines of the tickets closed in [from, to), read lazily (the review's "closed" figure), by an index on the closing time.</summary>
    IEnumerable<TicketOutline> OutlinesClosedBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Open tickets per assignee within one team, for least-loaded routing.</summary>
    IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team);
}

internal sealed record TicketQuery
{
    public TicketStatus? Status { get; init; }
    public string? Team { get; init; }
    public string? Assignee { get; init; }
    public string? ReporterId { get; init; }

    /// <summary>Only tickets with a deadline still open that falls before this instant.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    public int Limit { get; init; } = 100;
}

internal enum TicketUpdateOutcome
{
    Saved,

    /// <summary>Someone else changed the ticket first; <see cref="TicketUpdate.Current"/> is what is stored now.</summary>
    Conflict,

    NotFound,
}

internal sealed record TicketUpdate(TicketUpdateOutcome Outcome, Ticket? Current);
