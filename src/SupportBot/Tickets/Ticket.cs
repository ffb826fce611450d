namespace SupportBot.Tickets;

/// <summary>
/// A support ticket with every field of product.md §1. Immutable: a change is a new value made with
/// <c>with</c>, saved through <see cref="ITicketStore.TryUpdate"/> against <see cref="Version"/>.
/// </summary>
internal sealed record Ticket : ITicketTimeline
{
    public required string Number { get; init; }

    /// <summary>Incremented by the store on every save; a change made from an older version is refused.</summary>
    public int Version { get; init; }

    /// <summary>
    /// The version the last change by someone (not a record of what the system sent: a reminder, a draft) produced; null on
    /// tickets saved before it was kept. A card at or after it shows everything that matters, so it may still act.
    /// </summary>
    public int? ChangedAtVersion { get; init; }

    /// <summary>
    /// Whether a card drawn at <paramref name="seen"/> still shows the ticket as it stands: the same version, or one that
    /// only system records (reminders sent, drafts sent) have passed since.
    /// </summary>
    public bool IsCurrentFor(int seen) => seen == Version || (ChangedAtVersion is { } changed && seen >= changed && seen < Version);

    public required DateTimeOffset SubmittedAt { get; init; }
    public required Reporter Reporter { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Priority Priority { get; init; }
    public required TicketStatus Status { get; init; }
    public required TicketDescription Description { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>How precise <see cref="OccurredAt"/> is and the reporter's words for it; null on tickets filed before it was kept.</summary>
    public OccurrenceNote? OccurredAtNote { get; init; }

    public AffectedSystem? AffectedSystem { get; init; }
    public string? Environment { get; init; }
    public string? AlreadyTried { get; init; }
    public DateTimeOffset? ExpectedResolutionAt { get; init; }
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>Where the reporter filed it: their questions, approvals and verification go back there.</summary>
    public ConversationAddress? ReporterConversation { get; init; }

    /// <summary>The intake form this ticket was filed from, when it came from one (<see cref="TicketDraft.FormId"/>).</summary>
    public string? FormId { get; init; }

    /// <summary>Knowledge articles offered during intake that did not solve it: the engineer need not suggest them again.</summary>
    public IReadOnlyList<string> OfferedArticles { get; init; } = [];

    public required string Team { get; init; }
    public string? Assignee { get; init; }
    public IReadOnlyList<string> CoHandlers { get; init; } = [];

    /// <summary>The milestones the deadlines of product.md §3 are measured against.</summary>
    public TicketMilestones Milestones { get; init; } = new();

    /// <summary>The earliest open deadline, kept by the ticket service so the store can index it.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>The engineer's new estimate when the ticket was last blocked (a day in the desk's time zone).</summary>
    public DateOnly? EstimatedBy { get; init; }

    public IReadOnlyList<JournalEntry> DiagnosisLog { get; init; } = [];
    public SolutionPlan? Plan { get; init; }
    public IReadOnlyList<JournalEntry> ImplementationLog { get; init; } = [];
    public Resolution? Resolution { get; init; }
    public Verification? Verification { get; init; }
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>Filed by an engineer for a caller (phone, e-mail, walk-in, chat); null when the reporter filed it themselves.</summary>
    public FiledFor? OnBehalf { get; init; }

    /// <summary>An engineer found information missing (seed 004); open until the reporter answers or adds information.</summary>
    public InformationGap? Incomplete { get; init; }

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Where the closed ticket went in the knowledge base; null until it is archived.</summary>
    public TicketArchive? Archived { get; init; }

    public Ticket Append(HistoryEntry entry) => this with { History = [.. History, entry] };

    /// <summary>The reporter's answer or added information arrived: an open incomplete flag is cleared by it.</summary>
    public Ticket WithInformationReceived(DateTimeOffset at) =>
        Incomplete is { IsOpen: true } gap ? this with { Incomplete = gap with { AnsweredAt = at } } : this;

    /// <summary>The diagnosis note last marked as the cause, if any.</summary>
    public JournalEntry? CauseNote() => DiagnosisLog.LastOrDefault(note => note.IsCause);
}

/// <summary>How a closed ticket was archived (issue 20): into an article, or with none.</summary>
internal sealed record TicketArchive
{
    public required DateTimeOffset At { get; init; }

    /// <summary><see cref="ArchiveWays"/>: published, merged, notWorth, deadline.</summary>
    public required string How { get; init; }

    /// <summary>The article the ticket became or joined; null when it was archived without one.</summary>
    public string? ArticleId { get; init; }

    /// <summary>"archived KB-000012" or "archived, no article": the status the API, the export and the card show.</summary>
    public string Status => ArticleId is null ? "archived, no article" : $"archived {ArticleId}";
}

internal static class ArchiveWays
{
    public const string Published = "published";
    public const string Merged = "merged";

    /// <summary>The assignee or lead decided the ticket teaches nothing worth an article.</summary>
    public const string NotWorth = "notWorth";

    /// <summary>Nobody answered the draft by the archive deadline.</summary>
    public const string Deadline = "deadline";
}

/// <summary>A conversation on a channel, e.g. the reporter's personal chat with SupportBot.</summary>
internal sealed record ConversationAddress(string ChannelId, string ConversationId);

/// <summary>The composed specific description, with the reporter's own words kept alongside (product.md §2).</summary>
internal sealed record TicketDescription
{
    public required string Specific { get; init; }
    public required string Original { get; init; }

    /// <summary>Read from <see cref="Specific"/> when the ticket was filed; null on tickets filed before it was kept.</summary>
    public ProblemSlots? Slots { get; init; }
}

internal sealed record AffectedSystem
{
    public required string Name { get; init; }
    public string? Version { get; init; }
}

internal sealed record AttachmentRef
{
    public required string Name { get; init; }
    public required string ContentType { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
    public required string AddedBy { get; init; }
}

/// <summary>A diagnosis or implementation log line: time and author (seed 000, 003), and any screenshots with it.</summary>
internal sealed record JournalEntry
{
    public required DateTimeOffset At { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>The engineer marked this diagnosis note as the cause: the card shows it, and the knowledge article's cause is it.</summary>
    public bool IsCause { get; init; }
}

/// <summary>
/// An engineer of the service desk filed the ticket for its reporter (seeds 001/004). When the caller is not a Teams user
/// SupportBot knows, <see cref="CallerVoice"/> is set: the engineer is the caller's voice, the ticket's reporter id is the
/// engineer's, and what SupportBot says to the reporter reaches the engineer, headed "ask the caller".
/// </summary>
internal sealed record FiledFor
{
    public required string FiledById { get; init; }
    public required string FiledByName { get; init; }

    /// <summary>phone, email, walkIn or chat.</summary>
    public required string CameBy { get; init; }

    public string? EmergencyContact { get; init; }
    public bool CallerVoice { get; init; }
}

/// <summary>What an engineer found missing from a new ticket, when, by whom, and when the reporter's answer came.</summary>
internal sealed record InformationGap
{
    public required string Missing { get; init; }
    public required DateTimeOffset FlaggedAt { get; init; }
    public required string FlaggedBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }

    public bool IsOpen => AnsweredAt is null;
}

internal sealed record SolutionPlan
{
    public required string Text { get; init; }
    public required bool ChangesDataOrSystems { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public DateTimeOffset? DeclinedAt { get; init; }

    /// <summary>A change to data or systems waits for the reporter's approval before anything proceeds.</summary>
    public bool AwaitsApproval => ChangesDataOrSystems && ApprovedAt is null && DeclinedAt is null;
}

internal sealed record Resolution
{
    public required string FinalSolution { get; init; }
    public required int EffortMinutes { get; init; }
    /// <summary>What the work cost beyond effort (parts, licences, a vendor's call-out), in the desk's currency (seed 000 资源消耗).</summary>
    public decimal? Cost { get; init; }

    /// <summary>Follow-up advice for the reporter, shown with the solution on the verification card (seed 001).</summary>
    public string? Advice { get; init; }
}

internal sealed record Verification
{
    public required bool Solved { get; init; }
    public string? StillWrong { get; init; }
    public required DateTimeOffset At { get; init; }
}

internal enum SatisfactionRating
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

internal sealed record Satisfaction
{
    public required SatisfactionRating Rating { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset At { get; init; }
}
