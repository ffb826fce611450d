using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>
/// Tells the reporter their ticket is filed, with the ticket's card (which then follows the ticket), and hands the
/// ticket on to the triage channel and the assignee behind the reply.
/// </summary>
public sealed class NewTicketAnnouncer(TicketCard cards, TicketBroadcaster broadcaster)
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

        // Channels that answer with the message id (Teams, Direct Line) let the card be refreshed as the ticket moves;
        // the post is recorded behind the turn, before any later change of the ticket is delivered.
        var post = string.IsNullOrEmpty(sent.Id)
            ? null
            : CardDelivery.Post(ticket.Number, CardAudience.Reporter, CardKind.Ticket, activity.GetConversationReference(), ticket.Reporter.Id, locale)(sent.Id) with { Text = confirmation };
        broadcaster.Publish(new TicketEvent(ticket, null, new Actor(ticket.Reporter.Id, ticket.Reporter.Name), post));
    }
}
