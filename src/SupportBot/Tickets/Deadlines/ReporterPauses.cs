namespace SupportBot.Tickets.Deadlines;

/// <summary>The spans a ticket spent waiting for its reporter, read from its history.</summary>
internal static class ReporterPauses
{
    private static readonly string Waiting = nameof(TicketStatus.WaitingForReporter);

    /// <summary>Ordered, non-overlapping; a pause still running ends at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static IReadOnlyList<TimeInterval> Of(ITicketTimeline ticket)
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

    /// <summary>
    /// The waits for the reporter together with the time an incomplete flag stood open (a flag still open ends at
    /// <see cref="DateTimeOffset.MaxValue"/>), merged so that no moment counts twice.
    /// </summary>
    public static IReadOnlyList<TimeInterval> WithIncomplete(ITicketTimeline ticket, IReadOnlyList<TimeInterval> pauses)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(pauses);
        if (ticket.Incomplete is not { } gap)
        {
            return pauses;
        }

        var merged = new List<TimeInterval>();
        foreach (var pause in pauses.Append(new TimeInterval(gap.FlaggedAt, gap.AnsweredAt ?? DateTimeOffset.MaxValue)).OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && pause.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = pause.End > merged[^1].End ? pause.End : merged[^1].End };
            }
            else
            {
                merged.Add(pause);
            }
        }

        return merged;
    }
}
