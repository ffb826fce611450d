using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Engineering.Actions;
using CardAction = SupportBot.Engineering.Actions.CardAction;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>The answer to a card button: the card to show the presser now, and whether anything changed.</summary>
internal sealed record CardActionReply(JsonObject Card, CardNotice Notice, bool Applied);

/// <summary>
/// Handles a button pressed on any ticket card. The card's version must still be the ticket's (the first of two
/// clicks wins; the second gets the ticket as it now is and who changed it), the presser must be allowed, and the
/// inputs valid; only then does the ticket service apply it, and everyone concerned is told behind the turn.
/// </summary>
internal sealed class TicketCardActions(
    TicketService tickets,
    TicketCard ticketCards,
    CardRenderer cards,
    TicketBroadcaster broadcaster,
    RefusalMessages refusals,
    SupportRoster roster,
    Localizer localizer,
    CardRouting routing,
    ArchiveDesk archive,
    TimeProvider time)
{
    public CardActionReply Handle(CardSubmission submission, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(activity);
        var actorId = activity.SenderId() ?? "";
        var actor = new Actor(actorId, roster.FindEngineer(actorId)?.Name ?? activity.From?.Name ?? actorId);
        var locale = activity.Locale is { Length: > 0 } given ? Localizer.Normalize(given) : roster.FindEngineer(actorId)?.Locale ?? Localizer.Normalize(null);
        var target = new CardTarget(activity.ChannelId ?? Channels.MsTeams, locale);
        var action = CardActions.Find(submission.Op);

        if (tickets.Find(submission.Number) is not { } ticket)
        {
            return NotFound(submission.Number, locale);
        }

        var kind = action?.Card ?? CardKind.Ticket;
        var viewer = new CardViewer(Audience(activity, ticket, actorId, kind), actorId, target);
        JsonObject Render(Ticket t, CardNotice? notice, CardSubmission? retry = null) => cards.Render(kind, t, viewer, notice, retry);
        CardActionReply Reply(Ticket t, CardNotice notice, bool applied = false, CardSubmission? retry = null) => new(Render(t, notice, retry), notice, applied);

        if (action is null)
        {
            // Teams asking again for one person's copy in a shared channel: show the ticket now. Any other verb is
            // none SupportBot knows (a forged or mangled card): say so, rather than appear to have done something.
            return submission.Op == CardActions.Refresh
                ? new CardActionReply(Render(ticket, null), new CardNotice(localizer.Get(locale, "card.current"), IsProblem: false), false)
                : Reply(ticket, new CardNotice(localizer.Get(locale, "card.unknownAction", ReporterText.Escape(submission.Op)), IsProblem: true));
        }

        if (!ticket.IsCurrentFor(submission.Version))
        {
            return Reply(ticket, Stale(ticket, action, locale));
        }

        // Permission and state before the inputs: someone with no business on the ticket learns nothing from validation.
        var decision = action.Permit(ticket, TicketRoles.RoleOf(actor, ticket, roster, action.Action));
        if (!decision.IsAllowed)
        {
            return Reply(ticket, new CardNotice(refusals.Describe(decision, ticket, locale), IsProblem: true));
        }

        var form = new CardForm(submission, roster, time.GetUtcNow(), routing, archive);
        if (action.Prepare(form, ticket, actor) is not { } command || !form.IsValid)
        {
            var found = form.Problem ?? throw new InvalidOperationException($"The action '{action.Verb}' made no command and gave no reason.");
            return Reply(ticket, new CardNotice(localizer.Get(locale, found.MessageKey, found.Args), IsProblem: true), retry: submission);
        }

        var change = tickets.Apply(ticket with { Version = submission.Version }, command.Action, actor, command.Amend, command.Note);
        switch (change.Outcome)
        {
            case TicketChangeOutcome.Applied:
                broadcaster.Publish(new TicketEvent(change.Ticket!, action, actor));
                return Reply(change.Ticket!, new CardNotice(localizer.Get(locale, action.DoneKey, ticket.Number), IsProblem: false), applied: true);
            case TicketChangeOutcome.Stale:
                return Reply(change.Ticket!, Stale(change.Ticket!, action, locale));
            case TicketChangeOutcome.Refused:
                return Reply(change.Ticket!, new CardNotice(refusals.Describe(change.Decision!, change.Ticket!, locale), IsProblem: true));
            default:
                return NotFound(submission.Number, locale);
        }
    }

    private CardActionReply NotFound(string number, string locale)
    {
        var missing = new CardNotice(localizer.Get(locale, "status.notFound", number), IsProblem: true);
        return new CardActionReply(CardElements.Card([CardElements.Text(missing.Text, color: "Attention")]), missing, false);
    }

    /// <summary>"Already taken by Li Wei at 10:02": what overtook the card, so the presser knows why nothing happened.</summary>
    private CardNotice Stale(Ticket current, CardAction action, string locale)
    {
        var last = current.History.LastOrDefault(e => e.What != HistoryKinds.Status);
        if (last is null)
        {
            return new CardNotice(localizer.Get(locale, "card.stale.generic"), IsProblem: true);
        }

        var at = ticketCards.Time(last.At, locale, "format.time");
        var text = action.Action == TicketAction.Assign && last.What == HistoryKinds.Assigned && current.Assignee is { } assignee
            ? localizer.Get(locale, "card.stale.taken", ReporterText.Escape(ticketCards.NameOf(assignee, current)), at)
            : localizer.Get(locale, "card.stale", ReporterText.Escape(last.ActorName), ticketCards.HistoryText(last, locale), at);
        return new CardNotice(text, IsProblem: true);
    }

    private static CardAudience Audience(Activity activity, Ticket ticket, string actorId, CardKind kind) =>
        SharedConversations.IsShared(activity) ? CardAudience.Triage
        : kind is not (CardKind.Ticket or CardKind.ArchiveDraft) || actorId == ticket.Reporter.Id ? CardAudience.Reporter
        : CardAudience.Engineer;
}
