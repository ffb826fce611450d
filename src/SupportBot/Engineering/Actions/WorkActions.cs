using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;
using static SupportBot.Engineering.TicketNotifications;

namespace SupportBot.Engineering.Actions;

/// <summary>The engineer's work on a ticket, from acknowledging it to resolving, reopening or cancelling it.</summary>
internal sealed class AcknowledgeAction() : CardAction("ack", TicketAction.Acknowledge, CardKind.Ticket)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => ticket.Milestones.FirstResponseAt is null;

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, null);

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellReporterAsync(done.Ticket, "notify.reporter.acknowledged", done.Ticket.Number, Said(done.Actor.Name));
}

internal sealed class NoteAction() : CardAction("note", TicketAction.AddDiagnosisNote, CardKind.Ticket)
{
    private static readonly TextField Text = LongText("text");

    /// <summary>"This is the cause": the note becomes the ticket's cause, which meets the "cause located" deadline (product.md §3).</summary>
    private static readonly ToggleField Cause = new("cause");

    public override IReadOnlyList<CardField> Inputs => [Text, Cause];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var note = form.Text(Text);
        var isCause = form.Toggle(Cause);
        return form.Command(Action, t => t with
        {
            DiagnosisLog = [.. t.DiagnosisLog, Entry(form, actor, note) with { IsCause = isCause }],
            Milestones = isCause ? t.Milestones with { CauseLocatedAt = t.Milestones.CauseLocatedAt ?? form.Now } : t.Milestones,
        }, note);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => Nobody;

    /// <summary>A log line: when, who, what (both logs, seed 000/003).</summary>
    internal static JournalEntry Entry(CardForm form, Actor actor, string? text) => new() { At = form.Now, Author = actor.Name, Text = text ?? "" };
}

/// <summary>
/// A step of carrying out the solution, for the implementation log. From the card it is text; with screenshots, the
/// engineer writes "log TS-… what was done" in their chat with the files attached (<see cref="ImplementationLogCommand"/>).
/// </summary>
internal sealed class LogAction() : CardAction("log", TicketAction.LogImplementation, CardKind.Ticket)
{
    private static readonly TextField Step = LongText("step");

    public override IReadOnlyList<CardField> Inputs => [Step];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var step = form.Text(Step);
        return form.Command(Action, t => t with { ImplementationLog = [.. t.ImplementationLog, NoteAction.Entry(form, actor, step)] }, step);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => Nobody;
}

internal sealed class AskAction() : CardAction("ask", TicketAction.AskReporter, CardKind.Ticket)
{
    private static readonly TextField Question = LongText("question");

    public override IReadOnlyList<CardField> Inputs => [Question];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Question));

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => tell.AskReporterAsync(done.Ticket, CardKind.Question);
}

internal sealed class BlockAction() : CardAction("block", TicketAction.Block, CardKind.Ticket)
{
    private static readonly TextField Why = Reason();
    private static readonly DateField Estimate = new("estimate");

    public override IReadOnlyList<CardField> Inputs => [Why, Estimate];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var why = form.Text(Why);
        var estimate = form.Date(Estimate);
        return form.Command(Action, t => t with { EstimatedBy = estimate ?? t.EstimatedBy }, why);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        var ticket = done.Ticket;
        return tell.TellReporterAsync(ticket, locale => tell.Localize(
            locale, "notify.reporter.blocked", ticket.Number, LastNote(ticket), ticket.EstimatedBy is { } by ? tell.DateText(by, locale) : tell.Localize(locale, "card.noEstimate")));
    }
}

internal sealed class UnblockAction() : CardAction("unblock", TicketAction.Unblock, CardKind.Ticket)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, null);

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellReporterAsync(done.Ticket, "notify.reporter.unblocked", done.Ticket.Number);
}

internal sealed class ProposeAction() : CardAction("propose", TicketAction.ProposeSolution, CardKind.Ticket)
{
    private static readonly TextField Solution = LongText("solution");
    private static readonly ToggleField ChangesData = new("changesData");

    public override IReadOnlyList<CardField> Inputs => [Solution, ChangesData];

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => ticket.Plan?.AwaitsApproval != true;

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var plan = form.Text(Solution);
        var changesData = form.Toggle(ChangesData);
        return form.Command(Action, t => t with { Plan = new SolutionPlan { Text = plan!, ChangesDataOrSystems = changesData } }, plan);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        var ticket = done.Ticket;
        return ticket.Plan?.AwaitsApproval == true
            ? tell.AskReporterAsync(ticket, CardKind.Approval)
            : tell.TellReporterAsync(ticket, "notify.reporter.plan", ticket.Number, Said(ticket.Plan?.Text));
    }
}

internal sealed class ResolveAction() : CardAction("resolve", TicketAction.Resolve, CardKind.Ticket)
{
    public const int MaxEffortMinutes = 100_000;
    public const decimal MaxCost = 10_000_000m;
    private static readonly TextField Solution = LongText("solution");
    private static readonly NumberField Effort = new("effort", 1, MaxEffortMinutes, "card.error.effort");
    private static readonly DecimalField Cost = new("cost", MaxCost, "card.error.cost");
    private static readonly TextField Advice = new("advice", CardForm.LongTextLimit, Required: false, Multiline: true);

    public override IReadOnlyList<CardField> Inputs => [Solution, Effort, Cost, Advice];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var solution = form.Text(Solution);
        var minutes = form.Number(Effort);
        var cost = form.Amount(Cost);
        var advice = form.Text(Advice);
        return form.Command(Action, t => t with { Resolution = new Resolution { FinalSolution = solution!, EffortMinutes = minutes!.Value, Cost = cost, Advice = advice } }, solution);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => tell.AskReporterAsync(done.Ticket, CardKind.Verification);
}

/// <summary>The engineer reopens a resolved ticket themselves (the reporter's way is <see cref="NotSolvedAction"/>).</summary>
internal sealed class ReopenAction() : CardAction("reopen", TicketAction.ReportNotSolved, CardKind.Ticket)
{
    private static readonly TextField Why = Reason();

    public override IReadOnlyList<CardField> Inputs => [Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Why));

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellReporterAsync(done.Ticket, "notify.reporter.reopened", done.Ticket.Number, LastNote(done.Ticket));
}

/// <summary>
/// The lead closes a resolution the reporter never confirmed (by default nothing closes by itself), with a reason the
/// reporter reads; the rating is still offered to them.
/// </summary>
internal sealed class CloseAction() : CardAction("close", TicketAction.CloseUnverified, CardKind.Ticket)
{
    private static readonly TextField Why = Reason();

    public override IReadOnlyList<CardField> Inputs => [Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Why));

    public override async Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(tell);
        var ticket = done.Ticket;
        await tell.TellReporterAsync(ticket, "notify.reporter.closedUnverified", ticket.Number, LastNote(ticket));
        await tell.AskReporterAsync(ticket, CardKind.Rating);
        await tell.TellHandlersAsync(ticket, "notify.engineer.closedUnverified", ticket.Number, Said(done.Actor.Name), LastNote(ticket));
    }
}

internal sealed class CancelAction() : CardAction("cancel", TicketAction.Cancel, CardKind.Ticket)
{
    private static readonly TextField Why = Reason();

    public override IReadOnlyList<CardField> Inputs => [Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Why));

    /// <summary>Whoever did not cancel it hears why: the reporter from an engineer, the handlers from the reporter.</summary>
    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => done.Actor.Id == done.Ticket.Reporter.Id
        ? tell.TellHandlersAsync(done.Ticket, "notify.engineer.cancelledByReporter", done.Ticket.Number, LastNote(done.Ticket))
        : tell.TellReporterAsync(done.Ticket, "notify.reporter.cancelled", done.Ticket.Number, LastNote(done.Ticket));
}
