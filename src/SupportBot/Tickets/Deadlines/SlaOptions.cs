namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// Configuration section <c>Sla</c>: the deadline table of product.md §3, nudge timing and business calendars.
/// Spans are business time in the priority's calendar, written <c>00:05:00</c> or <c>5m</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>.
/// </summary>
internal sealed class SlaOptions
{
    public const string SectionName = "Sla";

    /// <summary>How far into a deadline's span the responsible person is nudged (0.75 = when 75% has passed).</summary>
    public double NudgeAt { get; set; } = 0.75;

    /// <summary>Per priority key (urgent, high, medium, low).</summary>
    public Dictionary<string, DeadlineSpanOptions> Deadlines { get; set; } = [];

    public int ArchiveAfterWorkingDays { get; set; } = 3;

    public Dictionary<string, CalendarOptions> Calendars { get; set; } = [];

    /// <summary>Which calendar each priority's clock runs on; urgent is usually round the clock.</summary>
    public Dictionary<string, string> PriorityCalendars { get; set; } = [];

    public string ArchiveCalendar { get; set; } = "";
}

internal sealed class DeadlineSpanOptions
{
    public string? FirstResponse { get; set; }
    public string? Assignment { get; set; }
    public string? EngineerResponse { get; set; }

    /// <summary>Escalate when the cause is not located within this span; empty = no such deadline for the priority.</summary>
    public string? Escalation { get; set; }

    /// <summary>The reporter's clock to answer a question (the older name of <see cref="ReporterAnswer"/>, still read).</summary>
    public string? InformationRequest { get; set; }

    /// <summary>The reporter's clock to answer a question from support; wins over <see cref="InformationRequest"/>.</summary>
    public string? ReporterAnswer { get; set; }

    /// <summary>Support's clock to contact the reporter once a ticket is flagged incomplete; default 1 h (seed 004).</summary>
    public string? ContactReporter { get; set; }

    public string? Verification { get; set; }
}

internal sealed class CalendarOptions
{
    public string TimeZone { get; set; } = "";
    public bool RoundTheClock { get; set; }

    /// <summary>Weekday name → periods like <c>09:00-12:00</c>; a weekday not listed is a day off.</summary>
    public Dictionary<string, List<string>> WorkingHours { get; set; } = [];

    /// <summary>Dates (yyyy-MM-dd) on which the office is closed.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Weekend dates (yyyy-MM-dd) worked in exchange for a holiday (调休).</summary>
    public List<string> MakeUpWorkdays { get; set; } = [];

    /// <summary>Hours on make-up working days; Monday's hours when empty.</summary>
    public List<string> MakeUpWorkdayHours { get; set; } = [];
}
