using System.Threading.Channels;
using SupportBot.Hosting;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>
/// Something that happened to a ticket that people should see: a new ticket (no op) or a card action.
/// <paramref name="ReporterCard"/> is the card just sent to the reporter in the turn, recorded here behind it.
/// </summary>
public sealed record TicketEvent(Ticket Ticket, CardOp? Op, Actor Actor, CardPost? ReporterCard = null)
{
    /// <summary>
    /// Only the posted cards change (the system recorded something, e.g. a reminder): nobody is told anything, but
    /// every copy must carry the new version so its buttons keep working.
    /// </summary>
    public bool RefreshOnly { get; init; }
}

/// <summary>
/// Tells everyone concerned about ticket events, behind the turn that caused them: the reporter's reply and the
/// engineer's refreshed card never wait for the other copies and messages to go out. Events are delivered in order.
/// </summary>
public sealed partial class TicketBroadcaster(TicketNotifications notifications, ILogger<TicketBroadcaster> log) : BackgroundService
{
    private readonly Channel<TicketEvent> _events = Channel.CreateUnbounded<TicketEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PendingWork _pending = new();

    public void Publish(TicketEvent ticketEvent)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        _pending.Added();
        _events.Writer.TryWrite(ticketEvent);
    }

    /// <summary>Completes when every event published so far has been delivered (tests, and orderly shutdown).</summary>
    public Task DrainAsync() => _pending.DrainAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var ticketEvent in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await notifications.DeliverAsync(ticketEvent);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One undeliverable event must not silence the ones after it.
                DeliveryFailed(log, error, ticketEvent.Ticket.Number);
            }
            finally
            {
                _pending.Finished();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(DrainAsync(), Task.Delay(Timeout.Infinite, cancellationToken));
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telling people about a change of {Number} failed")]
    private static partial void DeliveryFailed(ILogger logger, Exception error, string number);
}
