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
internal sealed class TicketNotifications(
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

        if (ticketEvent.Action is not { } action)
        {
            await AnnounceAsync(ticket);
            return;
        }

        await RefreshPostsAsync(ticket);
        await action.TellAsync(ticketEvent, this);
    }

    /// <summary>A ticket new to its team: the team's triage channel gets its card, and the engineer it was routed to.</summary>
    public async Task AnnounceAsync(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await PostToTriageAsync(ticket);
        if (ticket.Assignee is { } routed)
        {
            await TellEngineerAsync(ticket, routed, "notify.engineer.assigned", ticket.Number, Said(ticket.Title));
        }
    }

    public string TeamName(string team, string locale) => roster.TeamName(team, locale);

    public string Localize(string locale, string key, params object?[] args) => localizer.Get(locale, key, args);

    public string NameOf(string id, Ticket ticket) => ticketCards.NameOf(id, ticket);

    public string HistoryText(HistoryEntry entry, string locale) => ticketCards.HistoryText(entry, locale);

    public string DateText(DateOnly date, string locale) => date.ToString(localizer.Get(locale, "format.date"), Localizer.Culture(locale));

    /// <summary>Replaces every posted copy of the ticket's cards with the ticket as it now stands.</summary>
    private async Task RefreshPostsAsync(Ticket ticket)
    {
        var triageHere = triage.Find(ticket.Team)?.ConversationId;
        foreach (var post in delivery.PostsOf(ticket.Number))
        {
            var viewer = new CardViewer(post.Audience, post.ViewerId, new CardTarget(post.ChannelId, post.Locale));

            // A transferred ticket leaves the old team's queue: its card there says where it went, and offers nothing.
            var card = post.Audience == CardAudience.Triage && post.ConversationId != triageHere
                ? ticketCards.RenderMoved(ticket, viewer)
                : cards.Render(post.Kind, ticket, viewer);
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
    public async Task TellEngineerAsync(Ticket ticket, string engineerId, string key, params object?[] args)
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

    public async Task TellHandlersAsync(Ticket ticket, string key, params object?[] args)
    {
        foreach (var engineer in new[] { ticket.Assignee }.Concat(ticket.CoHandlers).OfType<string>().Distinct())
        {
            await TellEngineerAsync(ticket, engineer, key, args);
        }
    }

    /// <summary>A message to the reporter in their language.</summary>
    public Task TellReporterAsync(Ticket ticket, string key, params object?[] args) => TellReporterAsync(ticket, locale => localizer.Get(locale, key, args));

    /// <summary>A message to the reporter composed in their language (dates, history lines in their words).</summary>
    public async Task TellReporterAsync(Ticket ticket, Func<string, string> compose)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(compose);
        if (await delivery.ReporterChatAsync(ticket) is { } chat)
        {
            await delivery.SendAsync(chat, new Activity { Type = ActivityTypes.Message, Text = ToReporter(localizer, ticket, compose(ticket.Reporter.Locale)) });
        }
    }

    public async Task AskReporterAsync(Ticket ticket, CardKind kind)
    {
        if (await delivery.ReporterChatAsync(ticket) is not { } chat)
        {
            return;
        }

        var locale = ticket.Reporter.Locale;
        var card = reporterCards.Render(kind, ticket, new CardTarget(chat.ChannelId ?? "", locale));
        await delivery.SendAsync(
            chat,
            new Activity
            {
                Type = ActivityTypes.Message,
                Text = ForCallerVoice(ticket) ? localizer.Get(locale, "notify.askCaller.card", Said(ticket.Reporter.Name)) : null,
                Attachments = [CardElements.Attachment(card)],
            },
            CardDelivery.Post(ticket.Number, CardAudience.Reporter, kind, chat, ticket.Reporter.Id, locale));
    }

    /// <summary>Filed for a caller SupportBot cannot reach: the engineer who filed reads the reporter's messages and speaks for them.</summary>
    private static bool ForCallerVoice(Ticket ticket) => ticket.OnBehalf is { CallerVoice: true };

    /// <summary>
    /// A message for the reporter as it is sent: headed "ask the caller (name)" when the engineer who filed is the caller's
    /// voice. Every message to a reporter goes through here (notices, and the reminders' nudges).
    /// </summary>
    public static string ToReporter(Localizer localizer, Ticket ticket, string text)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(ticket);
        return ForCallerVoice(ticket) ? localizer.Get(ticket.Reporter.Locale, "notify.askCaller", Said(ticket.Reporter.Name), text) : text;
    }

    /// <summary>Someone's words (a title, a note, a name) as they may appear in a message to another person.</summary>
    public static string Said(string? text) => ReporterText.Escape(text);

    /// <summary>What the last person to act wrote (a reason, an answer), escaped.</summary>
    public static string LastNote(Ticket ticket) => Said(ticket.History.LastOrDefault(e => e.What != HistoryKinds.Status && !HistoryKinds.IsReminder(e.What))?.Note ?? "");
}
