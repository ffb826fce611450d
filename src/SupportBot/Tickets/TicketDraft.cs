namespace SupportBot.Tickets;

/// <summary>Everything intake collected, ready to become a numbered, routed ticket.</summary>
internal sealed record TicketDraft
{
    public required Reporter Reporter { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Priority Priority { get; init; }

    /// <summary>Why this priority (the impact answers, or the reporter's override), kept in the history.</summary>
    public string? PriorityReason { get; init; }

    public required TicketDescription Description { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public OccurrenceNote? OccurredAtNote { get; init; }
    public AffectedSystem? AffectedSystem { get; init; }
    public string? Environment { get; init; }
    public string? AlreadyTried { get; init; }
    public DateTimeOffset? ExpectedResolutionAt { get; init; }
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];
    public ConversationAddress? ReporterConversation { get; init; }
    public FiledFor? OnBehalf { get; init; }

    /// <summary>The intake form's id: its Submit files one ticket however often it is pressed (the idempotency key).</summary>
    public string? FormId { get; init; }

    /// <summary>Knowledge articles the intake offered and the reporter said did not solve it (ids).</summary>
    public IReadOnlyList<string> OfferedArticles { get; init; } = [];
}
