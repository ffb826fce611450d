using SupportBot.Common;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;

namespace SupportBot.Reminders;

internal enum SendOutcome
{
    Sent,

    /// <summary>The channel did not take it. Delivered from the outbox, a failure worth another try is thrown instead, so this one is final.</summary>
    Failed,

    /// <summary>There is no conversation to send to (the person never opened SupportBot): retrying cannot help.</summary>
    Unreachable,
}

/// <summary>
/// Words and cards of reminders: short, in the recipient's language, saying how much time is left or how late it
/// is, with the ticket's card (its buttons included) so the recipient can act from the message itself.
/// </summary>
internal sealed class ReminderMessages(
    CardDelivery delivery,
    TriageChannels triage,
    TicketCard ticketCards,
    ReporterCards reporterCards,
    ReminderPlanner planner,
    SupportRoster roster,
    Localizer localizer,
    DeadlineExplainer durations,
    TimeProvider time)
{
    /// <summary>Whether SupportBot has a conversation with <paramref name="to"/> at all; one it cannot reach is recorded at once, not queued.</summary>
    public async Task<bool> ReachableAsync(Ticket ticket, ReminderRecipient to)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(to);
        return to.Kind == RecipientKind.Reporter ? await delivery.ReporterChatAsync(ticket) is not null : await EngineeringChatAsync(to) is not null;
    }

    public async Task<SendOutcome> SendAsync(Ticket ticket, ReminderDelivery reminder)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(reminder);
        var to = reminder.To;
        if (to.Kind == RecipientKind.Reporter)
        {
            if (await delivery.ReporterChatAsync(ticket) is not { } chat)
            {
                return SendOutcome.Unreachable;
            }

            var locale = ticket.Reporter.Locale;
            var kind = reminder.Step.Deadline == DeadlineKind.Verification ? CardKind.Verification : CardKind.Question;
            var card = reporterCards.Render(kind, ticket, new CardTarget(chat.ChannelId ?? "", locale));
            var message = Message(TicketNotifications.ToReporter(localizer, ticket, Text(ticket, reminder.Step, to.Role, locale)), card);
            return Outcome(await delivery.SendAsync(chat, message, CardDelivery.Post(ticket.Number, CardAudience.Reporter, kind, chat, ticket.Reporter.Id, locale)));
        }

        if (await EngineeringChatAsync(to) is not { } target)
        {
            return SendOutcome.Unreachable;
        }

        var viewer = new CardViewer(target.Audience, target.ViewerId, new CardTarget(target.Chat.ChannelId ?? Channels.MsTeams, target.Locale));
        var ticketCard = ticketCards.Render(ticket, viewer);
        return Outcome(await delivery.SendAsync(
            target.Chat,
            Message(Text(ticket, reminder.Step, to.Role, target.Locale), ticketCard),
            CardDelivery.Post(ticket.Number, target.Audience, CardKind.Ticket, target.Chat, target.ViewerId, target.Locale)));
    }

    /// <summary>
    /// Several nudges to one engineer as one message: a line per ticket and the cards side by side. The cards of a
    /// combined message are not refreshed in place (replacing the message would replace them all); a press on an
    /// outdated one is answered with the current card, as for any stale card.
    /// </summary>
    public async Task<SendOutcome> SendDigestAsync(string engineerId, IReadOnlyList<(Ticket Ticket, ReminderDelivery Reminder)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (await EngineeringChatAsync(new ReminderRecipient(RecipientKind.Engineer, engineerId, RecipientRole.Responsible)) is not { } target)
        {
            return SendOutcome.Unreachable;
        }

        var locale = target.Locale;
        var lines = items.Select(item => localizer.Get(locale, "reminder.digest.line", Arguments(item.Ticket, item.Reminder.Step, locale)));
        var cards = items.Select(item => CardElements.Attachment(ticketCards.Render(
            item.Ticket, new CardViewer(CardAudience.Engineer, engineerId, new CardTarget(target.Chat.ChannelId ?? Channels.MsTeams, locale)))));
        var message = new Activity
        {
            Type = ActivityTypes.Message,
            Text = string.Join("\n\n", lines.Prepend(localizer.Get(locale, "reminder.digest", items.Count))),
            AttachmentLayout = "carousel",
            Attachments = [.. cards],
        };
        return Outcome(await delivery.SendAsync(target.Chat, message));
    }

    /// <summary>Tells the reporter and the handlers that the ticket closed by itself.</summary>
    public async Task TellAutoClosedAsync(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var days = planner.AutoCloseAfterWorkingDays;
        if (await delivery.ReporterChatAsync(ticket) is { } chat)
        {
            await delivery.SendAsync(chat, Message(TicketNotifications.ToReporter(localizer, ticket, localizer.Get(ticket.Reporter.Locale, "reminder.autoClosed.reporter", ticket.Number, days)), null));

            // Closed without them, the reporter may still say how it went (seed 000/001).
            var locale = ticket.Reporter.Locale;
            var rating = reporterCards.Render(CardKind.Rating, ticket, new CardTarget(chat.ChannelId ?? "", locale));
            await delivery.SendAsync(chat, Message(null, rating), CardDelivery.Post(ticket.Number, CardAudience.Reporter, CardKind.Rating, chat, ticket.Reporter.Id, locale));
        }

        foreach (var engineer in new[] { ticket.Assignee }.Concat(ticket.CoHandlers).OfType<string>().Distinct())
        {
            if (await EngineeringChatAsync(new ReminderRecipient(RecipientKind.Engineer, engineer, RecipientRole.Responsible)) is { } target)
            {
                await delivery.SendAsync(target.Chat, Message(localizer.Get(target.Locale, "reminder.autoClosed.engineer", ticket.Number, days), null));
            }
        }
    }

    public string AutoCloseNote(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return localizer.Get(ticket.Reporter.Locale, "reminder.autoClosed.note", planner.AutoCloseAfterWorkingDays);
    }

    private string Text(Ticket ticket, ReminderStep step, RecipientRole role, string locale)
    {
        var general = $"reminder.{role.ToString().ToLowerInvariant()}.{step.Kind.ToString().ToLowerInvariant()}";
        var specific = $"{general}.{step.Deadline}";

        // Without automatic close the verification texts say who settles the ticket instead ("….manual").
        var manual = planner.AutoCloses ? specific : $"{specific}.manual";
        var keys = localizer.Keys(locale);
        var key = keys.Contains(manual) ? manual : keys.Contains(specific) ? specific : general;
        return localizer.Get(locale, key, Arguments(ticket, step, locale));
    }

    /// <summary>{0} number, {1} title, {2} deadline, {3} time left or late, {4} due time, {5} assignee, {6} auto-close time.</summary>
    private object?[] Arguments(Ticket ticket, ReminderStep step, string locale)
    {
        var left = step.DueAt - time.GetUtcNow();
        var when = left >= TimeSpan.FromMinutes(1) ? localizer.Get(locale, "card.left", durations.Duration(left, locale))
            : left > -TimeSpan.FromMinutes(1) ? localizer.Get(locale, "reminder.dueNow")
            : localizer.Get(locale, "card.overdue", durations.Duration(-left, locale));
        return
        [
            ticket.Number,
            ReporterText.Escape(ticket.Title),
            localizer.Get(locale, $"deadline.{step.Deadline}"),
            when,
            ticketCards.Time(step.DueAt, locale),
            ticket.Assignee is { } assignee ? ReporterText.Escape(ticketCards.NameOf(assignee, ticket)) : localizer.Get(locale, "card.unassigned"),
            ticketCards.Time(planner.AutoCloseAt(ticket.Milestones.ResolvedAt ?? step.DeadlineStartedAt), locale),
        ];
    }

    private async Task<EngineeringChat?> EngineeringChatAsync(ReminderRecipient to)
    {
        if (to.Kind == RecipientKind.Triage)
        {
            return triage.Find(to.Id) is { } channel
                ? new EngineeringChat(CardDelivery.ReferenceOf(channel), CardAudience.Triage, null, channel.Locale)
                : null;
        }

        return roster.FindEngineer(to.Id) is { } engineer && await delivery.PersonalChatAsync(Channels.MsTeams, engineer.Id) is { } chat
            ? new EngineeringChat(chat, CardAudience.Engineer, engineer.Id, engineer.Locale)
            : null;
    }

    private static Activity Message(string? text, System.Text.Json.Nodes.JsonObject? card) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = card is null ? null : [CardElements.Attachment(card)],
    };

    private static SendOutcome Outcome(bool sent) => sent ? SendOutcome.Sent : SendOutcome.Failed;

    private sealed record EngineeringChat(ConversationReference Chat, CardAudience Audience, string? ViewerId, string Locale);
}
