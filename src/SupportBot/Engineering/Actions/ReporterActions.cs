using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using static SupportBot.Engineering.TicketNotifications;

namespace SupportBot.Engineering.Actions;

/// <summary>The reporter's buttons, on the cards SupportBot sends them, and what they add by command.</summary>
internal sealed class AnswerAction() : CardAction("answer", TicketAction.AnswerQuestion, CardKind.Question)
{
    private static readonly TextField Answer = LongText("answer");

    public override IReadOnlyList<CardField> Inputs => [Answer];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Answer));

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellHandlersAsync(done.Ticket, "notify.engineer.answered", done.Ticket.Number, LastNote(done.Ticket));
}

/// <summary>Information the reporter adds of their own accord ("add info TS-… …"), told to the engineers.</summary>
internal sealed class AddInformationAction() : CardAction("info", TicketAction.AddInformation, card: null)
{
    private static readonly TextField Information = LongText("text");

    public override IReadOnlyList<CardField> Inputs => [Information];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, null, form.Text(Information));

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellHandlersAsync(done.Ticket, "notify.engineer.info", done.Ticket.Number, LastNote(done.Ticket));
}

internal sealed class ApproveAction() : CardAction("approve", TicketAction.ApproveSolution, CardKind.Approval)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override string? Style => "positive";

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) => form.Command(Action, t => t with { Plan = t.Plan! with { ApprovedAt = form.Now } }, null);

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => TellHandlersWithNoteAsync(done, tell);

    /// <summary>"The reporter approved / declined / says not solved / rated …", with what they wrote.</summary>
    internal static Task TellHandlersWithNoteAsync(TicketEvent done, TicketNotifications tell) =>
        tell.TellHandlersAsync(done.Ticket, $"notify.engineer.{done.Action!.Verb}", done.Ticket.Number, LastNote(done.Ticket));
}

internal sealed class DeclineAction() : CardAction("decline", TicketAction.DeclineSolution, CardKind.Approval)
{
    private static readonly TextField Why = Reason(required: false);

    public override IReadOnlyList<CardField> Inputs => [Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var why = form.Text(Why);
        return form.Command(Action, t => t with { Plan = t.Plan! with { DeclinedAt = form.Now } }, why);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => ApproveAction.TellHandlersWithNoteAsync(done, tell);
}

internal sealed class SolvedAction() : CardAction("solved", TicketAction.ConfirmSolved, CardKind.Verification)
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override string? Style => "positive";

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor) =>
        form.Command(Action, t => t with { Verification = new Verification { Solved = true, At = form.Now } }, null);

    public override async Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(tell);
        await tell.TellHandlersAsync(done.Ticket, "notify.engineer.solved", done.Ticket.Number, "");
        await tell.AskReporterAsync(done.Ticket, CardKind.Rating);
    }
}

internal sealed class NotSolvedAction() : CardAction("notsolved", TicketAction.ReportNotSolved, CardKind.Verification)
{
    private static readonly TextField StillWrong = LongText("stillWrong");

    public override IReadOnlyList<CardField> Inputs => [StillWrong];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var stillWrong = form.Text(StillWrong);
        return form.Command(Action, t => t with { Verification = new Verification { Solved = false, StillWrong = stillWrong, At = form.Now } }, stillWrong);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => ApproveAction.TellHandlersWithNoteAsync(done, tell);
}

internal sealed class RateAction() : CardAction("rate", TicketAction.Rate, CardKind.Rating)
{
    private static readonly ChoiceField Rating = new(
        "rating", s => Enum.GetValues<SatisfactionRating>().Select(r => (s.Localizer.Get(s.Locale, $"rating.{r}"), r.ToString())), Expanded: true);

    private static readonly TextField Comment = new("comment", CardForm.LongTextLimit, Required: false, Multiline: true);

    public override IReadOnlyList<CardField> Inputs => [Rating, Comment];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var comment = form.Text(Comment);
        var rated = Enum.TryParse<SatisfactionRating>(form.Choice(Rating), ignoreCase: true, out var rating) && Enum.IsDefined(rating);
        return !form.IsValid ? null
            : !rated ? form.Fail("card.error.required.rating")
            : form.Command(Action, t => t with { Satisfaction = new Satisfaction { Rating = rating, Comment = comment, At = form.Now } }, comment);
    }

    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => ApproveAction.TellHandlersWithNoteAsync(done, tell);
}
