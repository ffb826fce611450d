namespace SupportBot.Tickets;

/// <summary>
/// When each awaited thing happened. A deadline is met when its milestone is set at or after the
/// deadline's start (a reassignment restarts the engineer's clock, so an older response no longer counts).
/// </summary>
internal sealed record TicketMilestones
{
    public DateTimeOffset? FirstResponseAt { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public DateTimeOffset? EngineerRespondedAt { get; init; }
    public DateTimeOffset? CauseLocatedAt { get; init; }
    public DateTimeOffset? InformationRequestedAt { get; init; }
    public DateTimeOffset? InformationReceivedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}
