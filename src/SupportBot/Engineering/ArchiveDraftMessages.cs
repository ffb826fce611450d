using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// Sends a closed ticket's article draft (or the nudge about it) to the engineer who decides it, through the outbox:
/// written in the transaction that records it on the ticket, delivered behind it, again after a failure or a restart.
/// The card is drawn when it goes out, from the ticket as it is then; a ticket archived meanwhile owes nothing more.
/// </summary>
internal sealed class ArchiveDraftMessages(IOutbox outbox, TicketService tickets, ArchiveDraftCard drafts, CardDelivery delivery, SupportRoster roster, Localizer localizer)
    : IOutboxHandler
{
    /// <summary>This handler's outbox kind (also what a storage move reads payloads by).</summary>
    public const string OutboxKind = "archiveDraft";

    public string Kind => OutboxKind;

    public void Publish(string number, string engineerId, bool nudge) =>
        outbox.Add(Kind, number, new ArchiveDraftMessage { Number = number, EngineerId = engineerId, Nudge = nudge });

    public async Task DeliverAsync(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Read<ArchiveDraftMessage>();
        if (tickets.Find(row.Number) is not { Archived: null } ticket
            || roster.FindEngineer(row.EngineerId) is not { } engineer
            || await delivery.PersonalChatAsync(Channels.MsTeams, engineer.Id) is not { } chat)
        {
            // Archived already, or someone who never opened SupportBot: the deadline still archives the ticket.
            return;
        }

        var locale = engineer.Locale;
        var target = new CardTarget(chat.ChannelId ?? Channels.MsTeams, locale);
        var card = drafts.Render(ticket, new CardViewer(CardAudience.Engineer, engineer.Id, target));
        var text = localizer.Get(locale, row.Nudge ? "archive.draft.nudge" : "archive.draft.new", ticket.Number, ReporterText.Escape(ticket.Title), drafts.Due(ticket, locale));
        await delivery.SendAsync(
            chat,
            new Activity { Type = ActivityTypes.Message, Text = text, Attachments = [CardElements.Attachment(card)] },
            CardDelivery.Post(ticket.Number, CardAudience.Engineer, CardKind.ArchiveDraft, chat, engineer.Id, locale));
    }
}

/// <summary>An article draft owed to an engineer, as the outbox keeps it.</summary>
internal sealed record ArchiveDraftMessage
{
    public required string Number { get; init; }

    public required string EngineerId { get; init; }

    /// <summary>A reminder of a draft sent earlier and still unanswered.</summary>
    public bool Nudge { get; init; }
}
