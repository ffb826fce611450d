using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering.Actions;

/// <summary>Who works on the ticket, and how urgently: take, assign, escalate, add a co-handler, change priority.</summary>
internal sealed class TakeAction() : CardAction("take", TicketAction.Assign, CardKind.Ticket)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override string? Style => "positive";

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) =>
        ticket.Assignee is null || (viewerId is not null && viewerId != ticket.Assignee);

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => ticket.Assignee == actor.Id
        ? form.Fail("card.error.alreadyYours")
        : form.Command(Action, t => Assigned(t, actor.Id), null);

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => AssignAction.TellAssignedAsync(done.Ticket, tell);

    /// <summary>The new assignee stops being a co-handler: one person, one role on a ticket.</summary>
    internal static Ticket Assigned(Ticket ticket, string engineerId) =>
        ticket with { Assignee = engineerId, CoHandlers = [.. ticket.CoHandlers.Where(id => id != engineerId)] };
}

/// <summary>An action that names an engineer of the ticket's team, chosen among those it makes sense to offer.</summary>
internal abstract class EngineerChoiceAction : CardAction
{
    private readonly ChoiceField _engineer;

    protected EngineerChoiceAction(string verb, TicketAction action)
        : base(verb, action, CardKind.Ticket) =>
        _engineer = new("engineer", s => Candidates(s.Roster, s.Ticket).Select(m => (Title(m, s), m.Id)));

    public override IReadOnlyList<CardField> Inputs => [_engineer];

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => Candidates(roster, ticket).Any();

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Engineer(_engineer, ticket, FromAnyTeam) is not { } engineer)
        {
            return null;
        }

        return Refusal(engineer, ticket) is { } refusal ? form.Fail(refusal) : form.Command(Action, t => Amend(t, engineer), null);
    }

    /// <summary>Whether the engineer may come from another team than the ticket's.</summary>
    protected virtual bool FromAnyTeam => false;

    protected abstract IEnumerable<Engineer> Candidates(SupportRoster roster, Ticket ticket);

    /// <summary>Why this engineer cannot be chosen (they already are what the action would make them), or null.</summary>
    protected abstract string? Refusal(Engineer engineer, Ticket ticket);

    protected abstract Ticket Amend(Ticket ticket, Engineer engineer);

    /// <summary>An engineer of another team is shown with their team, so nobody brings in the wrong namesake.</summary>
    private static string Title(Engineer engineer, ChoiceScene scene) =>
        engineer.TeamKey == scene.Ticket.Team ? engineer.Name : $"{engineer.Name} ({scene.Roster.TeamName(engineer.TeamKey, scene.Locale)})";

    protected static IEnumerable<Engineer> TeamOf(SupportRoster roster, Ticket ticket) => roster?.FindTeam(ticket?.Team ?? "")?.Members ?? [];
}

internal sealed class AssignAction() : EngineerChoiceAction("assign", TicketAction.Assign)
{
    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => TellAssignedAsync(done.Ticket, tell);

    internal static async Task TellAssignedAsync(Ticket ticket, TicketNotifications tell)
    {
        await tell.TellEngineerAsync(ticket, ticket.Assignee!, "notify.engineer.assigned", ticket.Number, TicketNotifications.Said(ticket.Title));
        await tell.TellReporterAsync(ticket, "notify.reporter.assigned", ticket.Number, TicketNotifications.Said(tell.NameOf(ticket.Assignee!, ticket)));
    }

    protected override IEnumerable<Engineer> Candidates(SupportRoster roster, Ticket ticket) => TeamOf(roster, ticket).Where(m => m.Id != ticket.Assignee);

    protected override string? Refusal(Engineer engineer, Ticket ticket) => engineer.Id == ticket.Assignee ? "card.error.sameAssignee" : null;

    protected override Ticket Amend(Ticket ticket, Engineer engineer) => TakeAction.Assigned(ticket, engineer.Id);
}

internal sealed class EscalateAction() : CardAction("escalate", TicketAction.Escalate, CardKind.Ticket)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => Target(roster, ticket, viewerId ?? "") is not null;

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => Target(form.Roster, ticket, actor.Id) is { } target
        ? form.Command(Action, t => t with { CoHandlers = [.. t.CoHandlers, target.Id] }, null)
        : form.Fail("card.error.noEscalation");

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => CoHandlerAction.TellJoinedAsync(done, tell);

    /// <summary>Escalation goes to the team's senior engineer, then its lead: the first not already on the ticket.</summary>
    public static Engineer? Target(SupportRoster roster, Ticket ticket, string actorId)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(ticket);
        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        bool Free(Engineer e) => e.Id != actorId && e.Id != ticket.Assignee && !ticket.CoHandlers.Contains(e.Id);
        return members.FirstOrDefault(e => e.IsSenior && !e.IsLead && Free(e)) ?? members.FirstOrDefault(e => e.IsLead && Free(e));
    }
}

internal sealed class CoHandlerAction() : EngineerChoiceAction("cohandler", TicketAction.AddCoHandler)
{
    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => TellJoinedAsync(done, tell);

    /// <summary>The one who joined (the last co-handler) gets the card, with who brought them in.</summary>
    internal static Task TellJoinedAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        var ticket = done.Ticket;
        return tell.TellEngineerAsync(ticket, ticket.CoHandlers[^1], $"notify.engineer.{done.Action!.Verb}", ticket.Number, TicketNotifications.Said(ticket.Title), TicketNotifications.Said(done.Actor.Name));
    }

    /// <summary>Cross-department work (seeds 000/002/004): anyone on any team, the ticket's own team first.</summary>
    protected override bool FromAnyTeam => true;

    protected override IEnumerable<Engineer> Candidates(SupportRoster roster, Ticket ticket) =>
        TeamOf(roster, ticket).Concat(roster.Teams.SelectMany(team => team.Members))
            .DistinctBy(m => m.Id)
            .Where(m => m.Id != ticket.Assignee && !ticket.CoHandlers.Contains(m.Id));

    protected override string? Refusal(Engineer engineer, Ticket ticket) =>
        engineer.Id == ticket.Assignee || ticket.CoHandlers.Contains(engineer.Id) ? "card.error.alreadyHandling" : null;

    protected override Ticket Amend(Ticket ticket, Engineer engineer) => ticket with { CoHandlers = [.. ticket.CoHandlers, engineer.Id] };
}

internal sealed class PriorityAction() : CardAction("priority", TicketAction.ChangePriority, CardKind.Ticket)
{
    private static readonly ChoiceField NewPriority = new("priority", s =>
        Enum.GetValues<Priority>().Where(p => p != s.Ticket.Priority).Select(p => (s.Localizer.Get(s.Locale, $"priority.{p}"), p.Key())));

    private static readonly TextField Why = Reason();

    public override IReadOnlyList<CardField> Inputs => [NewPriority, Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var reason = form.Text(Why);
        var known = PriorityNames.TryParse(form.Choice(NewPriority), out var priority);
        return !form.IsValid ? null
            : !known ? form.Fail("card.error.required.priority")
            : priority == ticket.Priority ? form.Fail("card.error.samePriority")
            : form.Command(Action, t => t with { Priority = priority }, reason);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        var ticket = done.Ticket;
        var change = ticket.History.Last(e => e.What == HistoryKinds.Priority);
        return tell.TellReporterAsync(ticket, locale => tell.Localize(locale, "notify.reporter.priority", ticket.Number, tell.HistoryText(change, locale)));
    }
}
