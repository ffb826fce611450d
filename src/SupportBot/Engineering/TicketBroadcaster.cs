using LiteDB;
using SupportBot.Engineering.Actions;
using SupportBot.Storage;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>
/// Something that happened to a ticket that people should see: a new ticket (no action) or a card action.
/// <paramref name="ReporterCard"/> is a card already sent to the reporter, to be recorded before the others go out.
/// </summary>
public sealed record TicketEvent(Ticket Ticket, CardAction? Action, Actor Actor, CardPost? ReporterCard = null)
{
    /// <summary>
    /// Only the posted cards change (the system recorded something, e.g. a reminder): nobody is told anything, but
    /// every copy must carry the new version so its buttons keep working.
    /// </summary>
    public bool RefreshOnly { get; init; }
}

/// <summary>
/// Tells everyone concerned about ticket events through the outbox: <see cref="Publish"/> writes a row in the
/// transaction of the turn that changed the ticket, and the <see cref="OutboxDispatcher"/> delivers it behind the
/// turn (the reporter's reply and the engineer's refreshed card never wait for the other copies and messages), in
/// order per ticket, again after a failure, and after a restart if the process died first.
/// </summary>
public sealed class TicketBroadcaster : IOutboxHandler
{
    private readonly Outbox _outbox;
    private readonly OutboxDispatcher _dispatcher;
    private readonly TicketNotifications _notifications;
    private readonly ILiteDatabase _database;

    internal TicketBroadcaster(Outbox outbox, OutboxDispatcher dispatcher, TicketNotifications notifications, ILiteDatabase database)
    {
        _outbox = outbox;
        _dispatcher = dispatcher;
        _notifications = notifications;
        _database = database;
    }

    public string Kind => "ticket";

    public void Publish(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        var mapper = _database.Mapper;
        var payload = new BsonDocument
        {
            ["ticket"] = mapper.ToDocument(ticketEvent.Ticket),
            ["verb"] = ticketEvent.Action?.Verb is { } verb ? new BsonValue(verb) : BsonValue.Null,
            ["actorId"] = ticketEvent.Actor.Id,
            ["actorName"] = ticketEvent.Actor.Name,
            ["refreshOnly"] = ticketEvent.RefreshOnly,
            ["reporterCard"] = ticketEvent.ReporterCard is { } card ? mapper.ToDocument(card) : BsonValue.Null,
        };
        _outbox.Add(Kind, ticketEvent.Ticket.Number, payload);
    }

    /// <summary>Completes when every event published so far has been delivered or parked (tests, and orderly shutdown).</summary>
    public Task DrainAsync() => _dispatcher.DrainAsync();

    Task IOutboxHandler.DeliverAsync(BsonDocument payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var mapper = _database.Mapper;
        var verb = payload["verb"];
        var ticketEvent = new TicketEvent(
            mapper.ToObject<Ticket>(payload["ticket"].AsDocument),
            verb.IsNull ? null : CardActions.Find(verb.AsString) ?? throw new InvalidOperationException($"Unknown card verb '{verb.AsString}'."),
            new Actor(payload["actorId"].AsString, payload["actorName"].AsString),
            payload["reporterCard"].IsDocument ? mapper.ToObject<CardPost>(payload["reporterCard"].AsDocument) : null)
        {
            RefreshOnly = payload["refreshOnly"].AsBoolean,
        };
        return _notifications.DeliverAsync(ticketEvent);
    }
}
