namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// Derives every deadline of a ticket from the ticket itself and the <see cref="SlaPolicy"/>: nothing about
/// deadlines is stored that could drift from the ticket.
/// </summary>
internal sealed class DeadlineCalculator(SlaPolicy policy)
{
    public IReadOnlyList<Deadline> For(ITicketTimeline ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var milestones = ticket.Milestones;
        var spans = policy.SpansFor(ticket.Priority);
        var calendar = policy.CalendarFor(ticket.Priority);
        var pauses = ReporterPauses.Of(ticket);
        var deadlines = new List<Deadline>();

        // Seed 004 holds the assignment back while information is missing: its clock also stands still from the flag to the answer.
        IReadOnlyList<TimeInterval> PausesOf(DeadlineKind kind) => kind switch
        {
            DeadlineKind.Assignment => ReporterPauses.WithIncomplete(ticket, pauses),
            _ when kind.PausesWhileWaitingForReporter() => pauses,
            _ => [],
        };

        void Add(DeadlineKind kind, DateTimeOffset start, DateTimeOffset? metAt)
        {
            if (spans.For(kind) is { } span)
            {
                deadlines.Add(Measure(kind, start, span, MetAtOrAfter(metAt, start), calendar, PausesOf(kind)));
            }
        }

        Add(DeadlineKind.FirstResponse, ticket.SubmittedAt, milestones.FirstResponseAt);
        Add(DeadlineKind.Assignment, ticket.SubmittedAt, FirstAssignment(ticket));
        if (milestones.AssignedAt is { } assignedAt)
        {
            Add(DeadlineKind.EngineerResponse, assignedAt, milestones.EngineerRespondedAt);
            Add(DeadlineKind.Escalation, assignedAt, milestones.CauseLocatedAt ?? milestones.ResolvedAt);
        }

        if (milestones.InformationRequestedAt is { } requestedAt)
        {
            Add(DeadlineKind.InformationRequest, requestedAt, milestones.InformationReceivedAt);
        }

        if (ticket.Incomplete is { } gap)
        {
            // Asking the reporter is the contact; so is the reporter adding what was missing before anyone asked.
            Add(DeadlineKind.ContactReporter, gap.FlaggedAt, Earliest(MetAtOrAfter(milestones.InformationRequestedAt, gap.FlaggedAt), gap.AnsweredAt));
        }

        if (milestones.ResolvedAt is { } resolvedAt)
        {
            Add(DeadlineKind.Verification, resolvedAt, Earliest(MetAtOrAfter(milestones.VerifiedAt, resolvedAt), MetAtOrAfter(milestones.ClosedAt, resolvedAt)));
        }

        if (milestones.ClosedAt is { } closedAt)
        {
            deadlines.Add(Archive(closedAt, milestones.ArchivedAt));
        }

        // A closed or cancelled ticket owes its reporter nothing more; what was met stays on record,
        // and a closed ticket still has to reach the archive.
        return ticket.Status.IsOpen()
            ? deadlines
            : [.. deadlines.Where(d => !d.IsOpen || (d.Kind == DeadlineKind.Archive && ticket.Status == TicketStatus.Closed))];
    }

    /// <summary>The earliest due time among the open deadlines: what the store indexes and the scheduler wakes for.</summary>
    public DateTimeOffset? NextDue(Ticket ticket) =>
        For(ticket).Where(d => d.IsOpen && d.DueAt is not null).Min(d => d.DueAt);

    private Deadline Measure(DeadlineKind kind, DateTimeOffset start, TimeSpan span, DateTimeOffset? metAt, BusinessCalendar calendar, IReadOnlyList<TimeInterval> pauses)
    {
        // Once met, later waiting no longer matters, and a wait still running counts only up to the milestone.
        var counted = metAt is { } met ? Clip(pauses, met) : pauses;

        // While a pause has no end, the due time is unknown: it moves by however long the reporter takes.
        var waiting = counted.Count > 0 && counted[^1].End == DateTimeOffset.MaxValue;
        DateTimeOffset? due = waiting ? null : calendar.Add(start, span, counted);
        DateTimeOffset? nudge = waiting ? null : calendar.Add(start, span * policy.NudgeFraction, counted);

        var pausedUntil = due ?? (waiting ? counted[^1].Start : start);
        var pausesSoFar = Clip(counted, pausedUntil);
        var paused = pausesSoFar.Count == 0
            ? TimeSpan.Zero
            : calendar.Measure(start, pausedUntil) - calendar.Measure(start, pausedUntil, pausesSoFar);

        return new Deadline
        {
            Kind = kind,
            StartedAt = start,
            Span = span,
            CalendarName = calendar.Name,
            RoundTheClock = calendar.IsRoundTheClock,
            Paused = paused,
            DueAt = due,
            NudgeAt = nudge,
            MetAt = metAt,
        };
    }

    /// <summary>The pauses as they stood at <paramref name="limit"/>: later ones dropped, a running one ended there.</summary>
    private static List<TimeInterval> Clip(IReadOnlyList<TimeInterval> pauses, DateTimeOffset limit) =>
        [.. pauses.Where(p => p.Start < limit).Select(p => p.End > limit ? p with { End = limit } : p)];

    private Deadline Archive(DateTimeOffset closedAt, DateTimeOffset? archivedAt)
    {
        var calendar = policy.ArchiveCalendar;
        var due = calendar.EndOfWorkingDaysAfter(closedAt, policy.ArchiveAfterWorkingDays);
        var span = calendar.Measure(closedAt, due);
        return new Deadline
        {
            Kind = DeadlineKind.Archive,
            StartedAt = closedAt,
            Span = span,
            CalendarName = calendar.Name,
            RoundTheClock = calendar.IsRoundTheClock,
            Paused = TimeSpan.Zero,
            DueAt = due,
            NudgeAt = calendar.Add(closedAt, span * policy.NudgeFraction),
            MetAt = archivedAt,
        };
    }

    private static DateTimeOffset? FirstAssignment(ITicketTimeline ticket) =>
        ticket.History.FirstOrDefault(e => e.What == HistoryKinds.Assigned)?.At ?? ticket.Milestones.AssignedAt;

    private static DateTimeOffset? MetAtOrAfter(DateTimeOffset? metAt, DateTimeOffset start) => metAt >= start ? metAt : null;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => a < b ? a : b,
    };
}
