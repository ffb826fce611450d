namespace SupportBot.Tickets;

/// <summary>The states of product.md §5.</summary>
public enum TicketStatus
{
    Submitted,
    Accepted,
    InProgress,
    Blocked,
    WaitingForReporter,
    Resolved,
    Reopened,
    Closed,
    Cancelled,
}

internal static class TicketStatuses
{
    public static bool IsOpen(this TicketStatus status) => status is not (TicketStatus.Closed or TicketStatus.Cancelled);

    /// <summary>Work has started once an engineer is in progress; before that a reporter may still cancel.</summary>
    public static bool IsBeforeWork(this TicketStatus status) => status is TicketStatus.Submitted or TicketStatus.Accepted;

    public static IReadOnlyList<TicketStatus> Open { get; } = [.. Enum.GetValues<TicketStatus>().Where(IsOpen)];
}
