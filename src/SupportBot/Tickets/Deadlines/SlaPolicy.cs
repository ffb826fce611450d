namespace SupportBot.Tickets.Deadlines;

/// <summary>The spans of one priority; <see cref="Escalation"/> is null where the table has no such deadline.</summary>
internal sealed record DeadlineSpans(
    TimeSpan FirstResponse,
    TimeSpan Assignment,
    TimeSpan EngineerResponse,
    TimeSpan? Escalation,
    TimeSpan InformationRequest,
    TimeSpan Verification,
    TimeSpan ContactReporter)
{
    public TimeSpan? For(DeadlineKind kind) => kind switch
    {
        DeadlineKind.FirstResponse => FirstResponse,
        DeadlineKind.Assignment => Assignment,
        DeadlineKind.EngineerResponse => EngineerResponse,
        DeadlineKind.Escalation => Escalation,
        DeadlineKind.InformationRequest => InformationRequest,
        DeadlineKind.Verification => Verification,
        DeadlineKind.ContactReporter => ContactReporter,
        _ => null,
    };
}

/// <summary>The validated SLA configuration in the shape the deadline calculator reads.</summary>
internal sealed record SlaPolicy(
    double NudgeFraction,
    IReadOnlyDictionary<Priority, DeadlineSpans> Spans,
    IReadOnlyDictionary<Priority, BusinessCalendar> Calendars,
    BusinessCalendar ArchiveCalendar,
    int ArchiveAfterWorkingDays)
{
    public DeadlineSpans SpansFor(Priority priority) => Spans[priority];

    public BusinessCalendar CalendarFor(Priority priority) => Calendars[priority];
}
