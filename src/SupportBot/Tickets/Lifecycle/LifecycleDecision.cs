namespace SupportBot.Tickets.Lifecycle;

internal enum RefusalReason
{
    /// <summary>The action exists but not from the ticket's current state.</summary>
    NotInThisState,

    /// <summary>The state allows the action, but not for this person.</summary>
    NotPermitted,

    /// <summary>A proposed change to data or systems still waits for the reporter's approval.</summary>
    AwaitingApproval,

    /// <summary>The reporter declined the proposed change; a new plan is needed before resolving.</summary>
    PlanDeclined,

    /// <summary>The thing asked for is already done (an approval given, a rating left).</summary>
    AlreadyDone,
}

/// <summary>
/// The outcome of asking whether an action may happen: allowed (with the status it leads to) or a
/// refusal whose <see cref="MessageKey"/> names a localised sentence fit to show the user.
/// </summary>
internal sealed record LifecycleDecision
{
    private LifecycleDecision(TicketStatus from, TicketAction action)
    {
        From = from;
        Action = action;
    }

    public TicketStatus From { get; }
    public TicketAction Action { get; }
    public bool IsAllowed => Refusal is null;

    /// <summary>The status after the action; equal to <see cref="From"/> for actions that do not move the ticket.</summary>
    public TicketStatus To { get; private init; }

    public RefusalReason? Refusal { get; private init; }

    public string? MessageKey => Refusal switch
    {
        RefusalReason.NotInThisState => "lifecycle.refused.state",
        RefusalReason.NotPermitted => "lifecycle.refused.permission",
        RefusalReason.AwaitingApproval => "lifecycle.refused.approval",
        RefusalReason.AlreadyDone => "lifecycle.refused.done",
        RefusalReason.PlanDeclined => "lifecycle.refused.declined",
        _ => null,
    };

    public static LifecycleDecision Allow(TicketStatus from, TicketAction action, TicketStatus to) =>
        new(from, action) { To = to };

    public static LifecycleDecision Refuse(TicketStatus from, TicketAction action, RefusalReason reason) =>
        new(from, action) { To = from, Refusal = reason };
}
