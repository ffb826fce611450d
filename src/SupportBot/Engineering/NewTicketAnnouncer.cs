using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>
/// Tells the reporter their ticket is filed, with the ticket's card (which then follows the ticket), and hands the
/// ticket on to the triage channel and the assignee through the outbox, in the turn's transaction.
/// </summary>
internal sealed class NewTicketAnnouncer(TicketCard cards, TicketBroadcaster broadcaster, ICardPostStore posts)
{
    public async Task AnnounceAsync(ITurnContext turn, Ticket ticket, string confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(ticket);
        var activity = turn.Activity;
        var locale = ticket.Reporter.Locale;
        var card = cards.Render(ticket, new CardViewer(CardAudience.Reporter, ticket.Reporter.Id, new CardTarget(activity.ChannelId ?? "", locale)));
        var sent = await turn.SendActivityAsync(
            new Activity { Type = ActivityTypes.Message, Text = confirmation, Attachments = [CardElements.Attachment(card)] },
            cancellationToken);
        broadcaster.Publish(new TicketEvent(ticket, null, new Actor(ticket.Reporter.Id, ticket.Reporter.Name)));

        // Channels that answer with the message id (Teams, Direct Line) let the card be refreshed as the ticket moves.
        // The reply goes out once the turn has committed, so the post is recorded then (a crash in between loses
        // only the refreshes of this one copy).
        var post = CardDelivery.Post(ticket.Number, CardAudience.Reporter, CardKind.Ticket, activity.GetConversationReference(), ticket.Reporter.Id, locale);
        DeferredSends.WhenSent(turn, sent, id => posts.Add(post(id) with { Text = confirmation }));
    }
}
