using System.Globalization;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Reminders;

/// <summary>The rungs of a deadline's ladder, in the order they fall due.</summary>
internal enum ReminderStepKind
{
    /// <summary>Before the deadline (by default when 75% of its span has passed).</summary>
    Nudge,

    /// <summary>At the deadline: the responsible person is told again and, for support's own deadlines, the senior engineer.</summary>
    Breach,

    /// <summary>A further span after the breach: the team lead.</summary>
    Lead,

    /// <summary>An unverified resolution closes by itself after some working days.</summary>
    AutoClose,

    /// <summary>A closed ticket's knowledge-article draft goes to its assignee (else the lead) as it closes.</summary>
    Draft,

    /// <summary>At the archive deadline an unanswered draft is archived without an article.</summary>
    Archive,
}

/// <summary>
/// One step of one deadline of one ticket. <see cref="Key"/> names it stably — by the deadline's start, not its due
/// time — so a pause that moves the due time does not make an already sent step new again.
/// </summary>
/// <remarks>Keys are made once, at construction, since plans compare them many times; these records are never changed with <c>with</c>.</remarks>
internal sealed record ReminderStep(DeadlineKind Deadline, DateTimeOffset DeadlineStartedAt, ReminderStepKind Kind, DateTimeOffset At, DateTimeOffset DueAt)
{
    public string Key { get; } = string.Create(CultureInfo.InvariantCulture, $"{Deadline.Key()}@{DeadlineStartedAt.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}/{Kind.ToString().ToLowerInvariant()}");
}

internal enum RecipientKind
{
    /// <summary>A team's triage channel; <see cref="ReminderRecipient.Id"/> is the team key.</summary>
    Triage,

    /// <summary>An engineer's personal chat; the id is their AAD object id.</summary>
    Engineer,

    /// <summary>The ticket's reporter, wherever they filed it (Teams or Web Chat).</summary>
    Reporter,
}

/// <summary>Why a recipient is told: it decides the wording and whether it counts as an escalation.</summary>
internal enum RecipientRole
{
    Responsible,
    Senior,
    Lead,
    Reporter,
}

internal sealed record ReminderRecipient(RecipientKind Kind, string Id, RecipientRole Role)
{
    public string Key { get; } = $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>One message a step owes one recipient: the unit that is sent, retried and recorded.</summary>
internal sealed record ReminderDelivery(string Number, ReminderStep Step, ReminderRecipient To)
{
    public string Key { get; } = $"{Number}|{Step.Key}|{To.Key}";

    public bool IsEscalation => To.Role is RecipientRole.Senior or RecipientRole.Lead;
}
