namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// One deadline of one ticket. <see cref="DueAt"/> and <see cref="NudgeAt"/> are null while the clock is paused
/// with no end yet (the ticket waits for the reporter); they are computed again when it resumes.
/// </summary>
internal sealed record Deadline
{
    public required DeadlineKind Kind { get; init; }
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The business time allowed, in the calendar of <see cref="CalendarName"/>.</summary>
    public required TimeSpan Span { get; init; }

    public required string CalendarName { get; init; }
    public required bool RoundTheClock { get; init; }

    /// <summary>Business time the clock stood still while waiting for the reporter.</summary>
    public required TimeSpan Paused { get; init; }

    public DateTimeOffset? NudgeAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }

    public bool IsOpen => MetAt is null;
    public bool IsPaused => DueAt is null;
    public bool WasMetLate => MetAt is { } met && DueAt is { } due && met > due;
}
