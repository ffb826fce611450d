using static SupportBot.Tickets.TicketStatus;

namespace SupportBot.Tickets.Lifecycle;

/// <summary>
/// The state machine of product.md §5 with who may do what. Expected outcomes are values: asking
/// never throws, it answers <see cref="LifecycleDecision"/>.
/// </summary>
internal static class TicketLifecycle
{
    private static readonly TicketRole[] Engineering = [TicketRole.TeamEngineer, TicketRole.Lead, TicketRole.Admin];
    private static readonly TicketRole[] ReporterOnly = [TicketRole.Reporter];
    private static readonly TicketRole[] SystemOnly = [TicketRole.System];
    private static readonly TicketStatus[] Working = [Accepted, InProgress, Blocked, WaitingForReporter, Reopened];

    private static readonly Dictionary<TicketAction, Rule> Rules = new()
    {
        [TicketAction.Assign] = new([Submitted, .. Working], [.. Engineering, TicketRole.System], t => t.Status == Submitted ? Accepted : t.Status),
        [TicketAction.Acknowledge] = new([Submitted, .. Working], Engineering),
        [TicketAction.StartWork] = new([Accepted, Reopened], Engineering, _ => InProgress),
        // Co-handlers from other teams (cross-department work, seeds 000/002/004) add what they found; only the
        // ticket's team acts on its lifecycle.
        [TicketAction.AddDiagnosisNote] = new(Working, [.. Engineering, TicketRole.CoHandler], StartsWork),
        [TicketAction.LogImplementation] = new(Working, Engineering, StartsWork),
        [TicketAction.AskReporter] = new([Submitted, Accepted, InProgress, Blocked, Reopened], Engineering, _ => WaitingForReporter),
        // A new ticket only: once work has started, what is missing is simply asked.
        [TicketAction.FlagIncomplete] = new([Submitted, Accepted], Engineering)
        {
            Precondition = t => t.Incomplete is { IsOpen: true } ? RefusalReason.AlreadyDone : null,
        },
        [TicketAction.AnswerQuestion] = new([WaitingForReporter], ReporterOnly, t => t.Assignee is null ? Submitted : InProgress),
        [TicketAction.AddInformation] = new([Submitted, .. Working, Resolved], ReporterOnly),
        [TicketAction.Block] = new([InProgress], Engineering, _ => Blocked),
        [TicketAction.Unblock] = new([Blocked], Engineering, _ => InProgress),
        [TicketAction.ProposeSolution] = new([Accepted, InProgress, Reopened], Engineering, _ => InProgress),
        [TicketAction.ApproveSolution] = new([InProgress, Blocked], ReporterOnly) { Precondition = PlanAwaitsApproval },
        [TicketAction.DeclineSolution] = new([InProgress, Blocked], ReporterOnly) { Precondition = PlanAwaitsApproval },

        // Nothing that changes data or systems proceeds without the reporter's approval (product.md §6).
        [TicketAction.Resolve] = new([Accepted, InProgress, Reopened], Engineering, _ => Resolved)
        {
            // A declined plan is no plan: the engineer proposes another, and that one is approved (if it needs to be).
            Precondition = t => t.Plan switch
            {
                { AwaitsApproval: true } => RefusalReason.AwaitingApproval,
                { DeclinedAt: not null } => RefusalReason.PlanDeclined,
                _ => null,
            },
        },
        [TicketAction.ConfirmSolved] = new([Resolved], ReporterOnly, _ => Closed),
        [TicketAction.ReportNotSolved] = new([Resolved], [TicketRole.Reporter, .. Engineering], _ => Reopened),
        [TicketAction.Rate] = new([Closed], ReporterOnly) { Precondition = t => t.Satisfaction is null ? null : RefusalReason.AlreadyDone },
        [TicketAction.ChangePriority] = new([Submitted, .. Working], [TicketRole.Reporter, .. Engineering])
        {
            // The reporter chose the priority at intake and may correct it until someone accepts the ticket;
            // afterwards only support re-checks it, with a reason the reporter is told.
            RoleAllowedIn = (role, status) => role != TicketRole.Reporter || status == Submitted,
        },
        // Back to the queue of the team the new category routes to (or straight to its engineer, if it auto-assigns);
        // a ticket waiting on the reporter or blocked keeps that state where it is until it moves again.
        [TicketAction.Transfer] = new([Submitted, Accepted, InProgress, Reopened], Engineering, _ => Submitted),
        [TicketAction.Escalate] = new([Submitted, .. Working], [.. Engineering, TicketRole.System]),
        [TicketAction.AddCoHandler] = new(Working, Engineering),
        [TicketAction.Cancel] = new([Submitted, .. Working, Resolved], [TicketRole.Reporter, .. Engineering], _ => Cancelled)
        {
            // Reporters may withdraw a ticket only before work starts; engineers may cancel any open ticket (with a reason).
            RoleAllowedIn = (role, status) => role != TicketRole.Reporter || status.IsBeforeWork(),
        },
        [TicketAction.AutoClose] = new([Resolved], SystemOnly, _ => Closed),
        [TicketAction.CloseUnverified] = new([Resolved], [TicketRole.Lead, TicketRole.Admin], _ => Closed),
        // The draft's buttons (the card narrows them to the assignee and the team's lead) or the deadline, once.
        [TicketAction.Archive] = new([Closed], [.. Engineering, TicketRole.System]) { Precondition = t => t.Archived is null ? null : RefusalReason.AlreadyDone },
    };

    public static LifecycleDecision Decide(Ticket ticket, TicketAction action, TicketRole role)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var rule = Rules[action];

        // Permission is checked before state so that someone with no business on the ticket
        // learns nothing about where it stands.
        if (!rule.Roles.Contains(role))
        {
            return LifecycleDecision.Refuse(ticket.Status, action, RefusalReason.NotPermitted);
        }

        if (!rule.From.Contains(ticket.Status))
        {
            return LifecycleDecision.Refuse(ticket.Status, action, RefusalReason.NotInThisState);
        }

        if (!rule.RoleAllowedIn(role, ticket.Status))
        {
            return LifecycleDecision.Refuse(ticket.Status, action, RefusalReason.NotPermitted);
        }

        if (rule.Precondition(ticket) is { } unmet)
        {
            return LifecycleDecision.Refuse(ticket.Status, action, unmet);
        }

        return LifecycleDecision.Allow(ticket.Status, action, rule.Target(ticket));
    }

    /// <summary>The actions a role could take on the ticket right now: what a card shows as buttons.</summary>
    /// <summary>Whether only the reporter may take this step (answer, approve, confirm, rate …).</summary>
    public static bool IsReporterOnly(TicketAction action) => Rules.TryGetValue(action, out var rule) && rule.Roles.SequenceEqual(ReporterOnly);

    public static IReadOnlyList<TicketAction> AllowedActions(Ticket ticket, TicketRole role) =>
        [.. Enum.GetValues<TicketAction>().Where(action => Decide(ticket, action, role).IsAllowed)];

    private static RefusalReason? PlanAwaitsApproval(Ticket ticket) => ticket.Plan?.AwaitsApproval == true ? null : RefusalReason.AlreadyDone;

    private static TicketStatus StartsWork(Ticket ticket) => ticket.Status is Accepted or Reopened ? InProgress : ticket.Status;

    private sealed record Rule(TicketStatus[] From, TicketRole[] Roles, Func<Ticket, TicketStatus>? To = null)
    {
        public Func<TicketRole, TicketStatus, bool> RoleAllowedIn { get; init; } = (_, _) => true;

        /// <summary>What else the ticket must satisfy, beyond its status: null when it does.</summary>
        public Func<Ticket, RefusalReason?> Precondition { get; init; } = _ => null;

        public TicketStatus Target(Ticket ticket) => To?.Invoke(ticket) ?? ticket.Status;
    }
}
