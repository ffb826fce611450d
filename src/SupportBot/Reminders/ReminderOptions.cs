namespace SupportBot.Reminders;

/// <summary>
/// Configuration section <c>Reminders</c>: how nudges and escalations go out. When they fall due comes from the
/// deadlines (<c>Sla</c>); spans are written like the SLA's (<c>5m</c>, <c>1h30m</c>, <c>00:05:00</c>).
/// </summary>
internal sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Business time after a breach before the team lead is told as well (the senior engineer is told at once).</summary>
    public string EscalateToLeadAfter { get; set; } = "30m";

    /// <summary>Non-urgent nudges to one engineer within this span go out as one message; <c>0</c> sends each at once.</summary>
    public string CombineNudgesWithin { get; set; } = "5m";

    /// <summary>
    /// Working days (archive calendar) after resolution before an unverified ticket is settled: closed by itself when
    /// <see cref="AutoCloseUnverified"/> is on, otherwise handed to the team lead to close by hand with a reason.
    /// </summary>
    public int AutoCloseAfterWorkingDays { get; set; } = 3;

    /// <summary>
    /// Whether an unverified resolution closes by itself. Off by default: seeds 000/001 want the reporter's own
    /// confirmation (发起人确认), so the reporter is reminded and then the lead closes it by hand, saying why.
    /// </summary>
    public bool AutoCloseUnverified { get; set; }

    /// <summary>
    /// On PostgreSQL, where the scheduler is clustered: how often each instance records in the database that it is
    /// alive. An instance silent for this long and as long again is taken for dead, and another takes over its
    /// reminders. Written <c>00:00:15</c>.
    /// </summary>
    public TimeSpan ClusterCheckInInterval { get; set; } = DefaultCheckIn;

    /// <summary>The check-in interval when none is configured.</summary>
    public static readonly TimeSpan DefaultCheckIn = TimeSpan.FromSeconds(15);
}
