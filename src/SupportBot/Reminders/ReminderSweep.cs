using Microsoft.Extensions.Options;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// On a cluster, sets every open ticket's wake-up again from the ticket store now and then, through the same path a
/// change takes (<see cref="ChangedTickets"/>, then <see cref="ReminderRescheduler"/> under the ticket's lock).
/// </summary>
/// <remarks>
/// A wake-up is written behind the ticket's commit, so an instance killed between the two leaves a committed ticket
/// with no wake-up row (or a stale one). One process recovers that at its next start (<see cref="ReminderRebuild"/>);
/// on a cluster the survivors never restart, and the cluster test found those tickets' nudges and breaches never sent.
/// Re-deriving from the source of truth every four check-in intervals (a minute by default) bounds how late such a
/// reminder can be. It costs one batched write per open ticket per sweep; a sweep that writes only missing or stale
/// rows is the cheaper follow-up for desks with many thousands of open tickets.
/// </remarks>
internal sealed partial class ReminderSweep(ITicketStore store, ChangedTickets changes, ReminderRebuild rebuild, IOptions<ReminderOptions> options, TimeProvider time, ILogger<ReminderSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ClusterCheckInInterval * 4, time);
        try
        {
            await rebuild.Rebuilt.WaitAsync(stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _ = error; // logged by the rebuild; the sweep goes on regardless
        }

        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var count = 0;
                    foreach (var ticket in store.OpenWithDeadlines())
                    {
                        stoppingToken.ThrowIfCancellationRequested();
                        changes.Changed(ticket);
                        count++;
                    }

                    Swept(log, count);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // A storage fault: the next tick tries again.
                    SweepFailed(log, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminders: {Count} open tickets' wake-ups set again from the ticket store")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders: the sweep could not read the open tickets; it tries again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception error);
}
