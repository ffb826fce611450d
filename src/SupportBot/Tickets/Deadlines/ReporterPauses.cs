namespace SupportBot.Tickets.Deadlines;

/// <summary>The spans a ticket spent waiting for its reporter, read from its history.</summary>
internal static class ReporterPauses
{
    private static readonly string Waiting = nameof(TicketStatus.WaitingForReporter);

    /// <summary>Ordered, non-overlapping; a pause still running ends at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static IReadOnlyList<TimeInterval> Of(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var pauses = new List<TimeInterval>();
        DateTimeOffset? pausedSince = null;
        foreach (var entry in ticket.History.Where(e => e.What == HistoryKinds.Status))
        {
            if (entry.After == Waiting && pausedSince is null)
            {
                pausedSince = entry.At;
            }
            else if (entry.Before == Waiting && pausedSince is { } since)
            {
                pauses.Add(new TimeInterval(since, entry.At));
                pausedSince = null;
            }
        }

        if (pausedSince is { } open)
        {
            pauses.Add(new TimeInterval(open, DateTimeOffset.MaxValue));
        }

        return pauses;
    }
}
