namespace SupportBot.Tickets;

/// <summary>
/// One line of a ticket's history: who, when, what, before/after. History is only ever appended to;
/// the store refuses an update that rewrites it.
/// </summary>
internal sealed record HistoryEntry
{
    public required DateTimeOffset At { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }

    /// <summary>What happened, as a stable key (<c>created</c>, <c>status</c>, <c>assigned</c>, <c>priority</c> …).</summary>
    public required string What { get; init; }

    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Note { get; init; }

    public static HistoryEntry Of(Actor actor, DateTimeOffset at, string what, string? before = null, string? after = null, string? note = null) =>
        new() { At = at, ActorId = actor.Id, ActorName = actor.Name, What = what, Before = before, After = after, Note = note };
}

internal static class HistoryKinds
{
    public const string Created = "created";
    public const string Status = "status";
    public const string Assigned = "assigned";
    public const string Priority = "priority";
    public const string Acknowledged = "acknowledged";
    public const string Transferred = "transfer";

    /// <summary>A reminder went to the person responsible (or the reporter); <c>Before</c> names the step, <c>After</c> the recipient.</summary>
    public const string Reminded = "reminded";

    /// <summary>An overdue deadline was escalated to the senior engineer or the lead; named like <see cref="Reminded"/>.</summary>
    public const string Escalated = "escalated";

    /// <summary>A reminder or escalation could not be delivered after every retry; the note says why.</summary>
    public const string ReminderFailed = "reminderFailed";

    /// <summary>A reminder overtaken by a later step of the same deadline before it went out (SupportBot was not running).</summary>
    public const string ReminderSkipped = "reminderSkipped";

    /// <summary>An entry of the reminder ledger (sent, escalated, failed for good, skipped): a record, not a change to show on a card.</summary>
    public static bool IsReminder(string what) => what is Reminded or Escalated or ReminderFailed or ReminderSkipped;
}
