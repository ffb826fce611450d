using SupportBot.Common;
using SupportBot.Engineering.Actions;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>
/// Something that happened to a ticket that people should see: a new ticket (no action) or a card action.
/// <paramref name="ReporterCard"/> is a card already sent to the reporter, to be recorded before the others go out.
/// </summary>
internal sealed record TicketEvent(Ticket Ticket, CardAction? Action, Actor Actor, CardPost? ReporterCard = null)
{
    /// <summary>
    /// Only the posted cards change (the system recorded something, e.g. a reminder): nobody is told anything, but
    /// every copy must carry the new version so its buttons keep working.
    /// </summary>
    public bool RefreshOnly { get; init; }
}

/// <summary>
/// Tells everyone concerned about ticket events through the outbox: <see cref="Publish"/> writes a message in the
/// transaction of the turn that changed the ticket, and the outbox's dispatcher delivers it behind the turn (the
/// reporter's reply and the engineer's refreshed card never wait for the other copies and messages), in order per
/// ticket, again after a failure, and after a restart if the process died first.
/// </summary>
internal sealed class TicketBroadcaster : IOutboxHandler
{
    private readonly IOutbox _outbox;
    private readonly TicketNotifications _notifications;

    internal TicketBroadcaster(IOutbox outbox, TicketNotifications notifications)
    {
        _outbox = outbox;
        _notifications = notifications;
    }

    /// <summary>This handler's outbox kind (also what a storage move reads payloads by).</summary>
    public const string OutboxKind = "ticket";

    public string Kind => OutboxKind;

    public void Publish(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        _outbox.Add(Kind, ticketEvent.Ticket.Number, new TicketEventMessage
        {
            Ticket = ticketEvent.Ticket,
            Verb = ticketEvent.Action?.Verb,
            ActorId = ticketEvent.Actor.Id,
            ActorName = ticketEvent.Actor.Name,
            RefreshOnly = ticketEvent.RefreshOnly,
            ReporterCard = ticketEvent.ReporterCard,
        });
    }

    /// <summary>Completes when every event published so far has been delivered or parked (tests, and orderly shutdown).</summary>
    public Task DrainAsync() => _outbox.DrainAsync();

    Task IOutboxHandler.DeliverAsync(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Read<TicketEventMessage>();
        var ticketEvent = new TicketEvent(
            row.Ticket,
            row.Verb is null ? null : CardActions.Find(row.Verb) ?? throw new InvalidOperationException($"Unknown card verb '{row.Verb}'."),
            new Actor(row.ActorId, row.ActorName),
            row.ReporterCard)
        {
            RefreshOnly = row.RefreshOnly,
        };
        return _notifications.DeliverAsync(ticketEvent);
    }
}

/// <summary>A ticket event as the outbox keeps it: the verb by name, so a message written before an upgrade still reads.</summary>
internal sealed record TicketEventMessage
{
    public required Ticket Ticket { get; init; }

    public string? Verb { get; init; }

    public required string ActorId { get; init; }

    public required string ActorName { get; init; }

    public bool RefreshOnly { get; init; }

    public CardPost? ReporterCard { get; init; }
}
