using SupportBot.Common;
using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// Who hears what when a ticket changes: every posted copy of its cards is refreshed, the triage channel gets new
/// tickets, engineers get the card in their chat when the ticket becomes theirs, and the reporter is told, in their
/// language, whatever concerns them (or gets a card to answer).
/// </summary>
public sealed class TicketNotifications(
    CardDelivery delivery,
    TriageChannels triage,
    TicketCard ticketCards,
    ReporterCards reporterCards,
    CardRenderer cards,
    ICardPostStore posts,
    SupportRoster roster,
    Localizer localizer)
{
    public async Task DeliverAsync(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        var ticket = ticketEvent.Ticket;
        if (ticketEvent.ReporterCard is { } reporterCard)
        {
            posts.Add(reporterCard);
        }

        if (ticketEvent.RefreshOnly)
        {
            await RefreshPostsAsync(ticket);
            return;
        }

        if (ticketEvent.Op is not { } op)
        {
            await PostToTriageAsync(ticket);
            if (ticket.Assignee is { } routed)
            {
                await TellEngineerAsync(ticket, routed, "notify.engineer.assigned", ticket.Number, Said(ticket.Title));
            }

            return;
        }

        await RefreshPostsAsync(ticket);
        // A display name is words from outside like the title: escaped wherever it is written into a message.
        var actor = Said(ticketEvent.Actor.Name);
        var reporterLocale = ticket.Reporter.Locale;
        string R(string key, params object?[] args) => localizer.Get(reporterLocale, key, args);
        switch (op.Verb)
        {
            case "take" or "assign":
                await TellEngineerAsync(ticket, ticket.Assignee!, "notify.engineer.assigned", ticket.Number, Said(ticket.Title));
                await TellReporterAsync(ticket, R("notify.reporter.assigned", ticket.Number, Said(ticketCards.NameOf(ticket.Assignee!, ticket))));
                break;
            case "ack":
                await TellReporterAsync(ticket, R("notify.reporter.acknowledged", ticket.Number, actor));
                break;
            case "priority":
                var change = ticket.History.Last(e => e.What == HistoryKinds.Priority);
                await TellReporterAsync(ticket, R("notify.reporter.priority", ticket.Number, ticketCards.HistoryText(change, reporterLocale)));
                break;
            case "ask":
                await AskReporterAsync(ticket, CardKind.Question);
                break;
            case "answer":
                await TellHandlersAsync(ticket, "notify.engineer.answered", ticket.Number, LastNote(ticket));
                break;
            case "info":
                await TellHandlersAsync(ticket, "notify.engineer.info", ticket.Number, LastNote(ticket));
                break;
            case "block":
                var estimate = ticket.EstimatedBy?.ToString(localizer.Get(reporterLocale, "format.date"), Localizer.Culture(reporterLocale)) ?? R("card.noEstimate");
                await TellReporterAsync(ticket, R("notify.reporter.blocked", ticket.Number, LastNote(ticket), estimate));
                break;
            case "unblock":
                await TellReporterAsync(ticket, R("notify.reporter.unblocked", ticket.Number));
                break;
            case "propose" when ticket.Plan?.AwaitsApproval == true:
                await AskReporterAsync(ticket, CardKind.Approval);
                break;
            case "propose":
                await TellReporterAsync(ticket, R("notify.reporter.plan", ticket.Number, Said(ticket.Plan?.Text)));
                break;
            case "approve" or "decline" or "notsolved" or "rate":
                await TellHandlersAsync(ticket, $"notify.engineer.{op.Verb}", ticket.Number, LastNote(ticket));
                break;
            case "resolve":
                await AskReporterAsync(ticket, CardKind.Verification);
                break;
            case "solved":
                await TellHandlersAsync(ticket, "notify.engineer.solved", ticket.Number, "");
                await AskReporterAsync(ticket, CardKind.Rating);
                break;
            case "reopen":
                await TellReporterAsync(ticket, R("notify.reporter.reopened", ticket.Number, LastNote(ticket)));
                break;
            case "escalate" or "cohandler":
                var joined = ticket.CoHandlers[^1];
                await TellEngineerAsync(ticket, joined, $"notify.engineer.{op.Verb}", ticket.Number, Said(ticket.Title), actor);
                break;
            case "cancel" when ticketEvent.Actor.Id != ticket.Reporter.Id:
                await TellReporterAsync(ticket, R("notify.reporter.cancelled", ticket.Number, LastNote(ticket)));
                break;
        }
    }

    /// <summary>Replaces every posted copy of the ticket's cards with the ticket as it now stands.</summary>
    private async Task RefreshPostsAsync(Ticket ticket)
    {
        foreach (var post in delivery.PostsOf(ticket.Number))
        {
            var card = cards.Render(post.Kind, ticket, new CardViewer(post.Audience, post.ViewerId, new CardTarget(post.ChannelId, post.Locale)));
            await delivery.UpdateAsync(post, CardElements.Attachment(card));
        }
    }

    private async Task PostToTriageAsync(Ticket ticket)
    {
        if (triage.Find(ticket.Team) is not { } channel)
        {
            return;
        }

        var reference = CardDelivery.ReferenceOf(channel);
        var card = ticketCards.Render(ticket, new CardViewer(CardAudience.Triage, null, new CardTarget(channel.ChannelId, channel.Locale)));
        var message = new Activity
        {
            Type = ActivityTypes.Message,
            Text = localizer.Get(channel.Locale, "notify.triage.new", ticket.Number, localizer.Get(channel.Locale, $"priority.{ticket.Priority}")),
            Attachments = [CardElements.Attachment(card)],
        };
        await delivery.SendAsync(reference, message, CardDelivery.Post(ticket.Number, CardAudience.Triage, CardKind.Ticket, reference, null, channel.Locale));
    }

    /// <summary>A message to an engineer's personal chat; the first one on a ticket carries its card.</summary>
    private async Task TellEngineerAsync(Ticket ticket, string engineerId, string key, params object?[] args)
    {
        if (roster.FindEngineer(engineerId) is not { } engineer || await delivery.PersonalChatAsync(Channels.MsTeams, engineerId) is not { } chat)
        {
            // Not every engineer has opened SupportBot yet: the triage channel still shows the ticket.
            return;
        }

        var locale = engineer.Locale;
        var message = new Activity { Type = ActivityTypes.Message, Text = localizer.Get(locale, key, args) };
        var hasCard = delivery.PostsOf(ticket.Number).Any(p => p.Audience == CardAudience.Engineer && p.ViewerId == engineerId);
        if (hasCard)
        {
            await delivery.SendAsync(chat, message);
            return;
        }

        var card = ticketCards.Render(ticket, new CardViewer(CardAudience.Engineer, engineerId, new CardTarget(chat.ChannelId ?? Channels.MsTeams, locale)));
        await delivery.SendAsync(chat, message with { Attachments = [CardElements.Attachment(card)] }, CardDelivery.Post(ticket.Number, CardAudience.Engineer, CardKind.Ticket, chat, engineerId, locale));
    }

    private async Task TellHandlersAsync(Ticket ticket, string key, params object?[] args)
    {
        foreach (var engineer in new[] { ticket.Assignee }.Concat(ticket.CoHandlers).OfType<string>().Distinct())
        {
            await TellEngineerAsync(ticket, engineer, key, args);
        }
    }

    private async Task TellReporterAsync(Ticket ticket, string text)
    {
        if (await delivery.ReporterChatAsync(ticket) is { } chat)
        {
            await delivery.SendAsync(chat, new Activity { Type = ActivityTypes.Message, Text = text });
        }
    }

    private async Task AskReporterAsync(Ticket ticket, CardKind kind)
    {
        if (await delivery.ReporterChatAsync(ticket) is not { } chat)
        {
            return;
        }

        var locale = ticket.Reporter.Locale;
        var card = reporterCards.Render(kind, ticket, new CardTarget(chat.ChannelId ?? "", locale));
        await delivery.SendAsync(
            chat,
            new Activity { Type = ActivityTypes.Message, Attachments = [CardElements.Attachment(card)] },
            CardDelivery.Post(ticket.Number, CardAudience.Reporter, kind, chat, ticket.Reporter.Id, locale));
    }

    /// <summary>Someone's words (a title, a note, a name) as they may appear in a message to another person.</summary>
    private static string Said(string? text) => ReporterText.Escape(text);

    private static string LastNote(Ticket ticket) => Said(ticket.History.LastOrDefault(e => e.What != HistoryKinds.Status && !HistoryKinds.IsReminder(e.What))?.Note ?? "");
}
