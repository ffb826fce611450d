using System.Diagnostics.Metrics;
using SupportBot.Common;
using SupportBot.Storage;
using SupportBot.Tickets;

namespace SupportBot.Operations;

/// <summary>
/// The outbox's backlog as a gauge, read from the store at each scrape: rows waiting (pending) and rows given up
/// (parked). A hosted service only so that it is made when the host starts, after the storage was opened
/// (StorageExtensions.OpenStorage); it does no work of its own. Its meter comes from the host's factory and goes with
/// the host, so a stopped instance is no longer read.
/// </summary>
internal sealed class OutboxGauges : IHostedService
{
    private readonly IOutboxRows _rows;

    public OutboxGauges(IMeterFactory meters, IOutboxRows rows)
    {
        _rows = rows;
        meters.Create(SupportBotTelemetry.Name).CreateObservableGauge(
            "supportbot.outbox.rows", Observe, "{row}", "Outbox rows by state: pending (not yet delivered) and parked (given up).");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Observe()
    {
        try
        {
            return
            [
                new(_rows.Count(OutboxRowState.Pending), new KeyValuePair<string, object?>("state", "pending")),
                new(_rows.Count(OutboxRowState.Parked), new KeyValuePair<string, object?>("state", "parked")),
            ];
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            // Unknown while the store fails: no value rather than a wrong one (the storage errors say why).
            return [];
        }
    }
}

/// <summary>Counts each new ticket by team and priority, once it is committed (the ticket service tells listeners then).</summary>
internal sealed class FiledTicketsCounter : ITicketChangeListener
{
    public void Changed(Ticket ticket)
    {
        // The store saves a new ticket as version 1; every later save raises it.
        if (ticket.Version == 1)
        {
            SupportBotTelemetry.TicketFiled(ticket.Team, ticket.Priority.Key());
        }
    }
}
