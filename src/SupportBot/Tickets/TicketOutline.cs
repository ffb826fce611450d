namespace SupportBot.Tickets;

/// <summary>What a ticket's deadlines are derived from (<see cref="Deadlines.DeadlineCalculator"/>): a whole ticket, or its outline.</summary>
internal interface ITicketTimeline
{
    DateTimeOffset SubmittedAt { get; }
    Priority Priority { get; }
    TicketStatus Status { get; }
    TicketMilestones Milestones { get; }
    InformationGap? Incomplete { get; }

    /// <summary>At least the status and assignment lines of the history, in order: the waits and the first assignment are read from them.</summary>
    IReadOnlyList<HistoryEntry> History { get; }
}

/// <summary>
/// A ticket as the week's figures read it: counts, times, deadlines, reopenings, satisfaction and the words recurring
/// problems are grouped by. The store reads only these fields, so a review over tens of thousands of tickets does not
/// map their reporters, logs, attachments and reminder records (issue 20: the 1,000,000-ticket review in ≤ 2 s).
/// </summary>
internal sealed record TicketOutline : ITicketTimeline
{
    public required string Number { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Priority Priority { get; init; }
    public required TicketStatus Status { get; init; }
    public required string Team { get; init; }

    /// <summary>The specific description (<see cref="TicketDescription.Specific"/>).</summary>
    public required string Description { get; init; }

    /// <summary>The affected system's name as the ticket states it, if it does.</summary>
    public string? System { get; init; }

    /// <summary>What was read from the description at filing (<see cref="TicketDescription.Slots"/>), if it was kept.</summary>
    public ProblemSlots? Slots { get; init; }

    public TicketMilestones Milestones { get; init; } = new();
    public InformationGap? Incomplete { get; init; }
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>Only the status and assignment lines (<see cref="IsTimelineLine"/>): reminder records and notes are left out.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Whether the review reads this history line: the status changes (waits, reopenings) and assignments.</summary>
    public static bool IsTimelineLine(string what) => what is HistoryKinds.Status or HistoryKinds.Assigned;

    public bool WasReopened => History.Any(entry => entry.What == HistoryKinds.Status && entry.After == nameof(TicketStatus.Reopened));

    /// <summary>The outline of a ticket already at hand, the same as the store's reading of it.</summary>
    public static TicketOutline Of(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new TicketOutline
        {
            Number = ticket.Number,
            SubmittedAt = ticket.SubmittedAt,
            Title = ticket.Title,
            Category = ticket.Category,
            Priority = ticket.Priority,
            Status = ticket.Status,
            Team = ticket.Team,
            Description = ticket.Description.Specific,
            System = ticket.AffectedSystem?.Name,
            Slots = ticket.Description.Slots,
            Milestones = ticket.Milestones,
            Incomplete = ticket.Incomplete,
            Satisfaction = ticket.Satisfaction,
            History = [.. ticket.History.Where(entry => IsTimelineLine(entry.What))],
        };
    }
}
