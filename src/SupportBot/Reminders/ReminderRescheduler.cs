using System.Threading.Channels;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>The tickets that changed since their wake-up was last set, queued by the ticket service on its own thread.</summary>
internal sealed class ChangedTickets : ITicketChangeListener
{
    private readonly Channel<string> _numbers = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PendingWork _pending = new();

    public ChannelReader<string> Reader => _numbers.Reader;

    public void Changed(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _pending.Added();
        _numbers.Writer.TryWrite(ticket.Number);
    }

    /// <summary>Completes when every change queued so far has its wake-up set again (tests, shutdown).</summary>
    public Task DrainAsync() => _pending.DrainAsync();

    internal void Handled() => _pending.Finished();
}

/// <summary>
/// Moves a ticket's wake-up whenever the ticket changes (assigned, priority changed, paused, resumed, resolved,
/// closed …), behind the change: no turn waits for the scheduler. Starts after the rebuild, so a change made while
/// it ran is applied on top of it rather than overwritten by it.
/// </summary>
internal sealed partial class ReminderRescheduler(ChangedTickets changes, ReminderRebuild rebuild, ReminderDispatcher dispatcher, ILogger<ReminderRescheduler> log) : BackgroundService
{
    private const int MaxBatch = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await rebuild.Rebuilt;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Logged by the rebuild; changes still get their wake-ups.
            _ = error;
        }

        while (await changes.Reader.WaitToReadAsync(stoppingToken))
        {
            // Every change queued by now, each ticket once, its write queued under its lock and all committed together:
            // one commit per ticket change would fall behind a busy intake.
            var read = 0;
            var numbers = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (read < MaxBatch && changes.Reader.TryRead(out var number))
            {
                read++;
                if (seen.Add(number))
                {
                    numbers.Add(number);
                }
            }

            try
            {
                await RescheduleAsync(numbers, stoppingToken);
            }
            finally
            {
                for (var i = 0; i < read; i++)
                {
                    changes.Handled();
                }
            }
        }
    }

    private async Task RescheduleAsync(List<string> numbers, CancellationToken stoppingToken)
    {
        var written = new List<(string Number, Task Committed)>(numbers.Count);
        foreach (var number in numbers)
        {
            try
            {
                written.Add((number, await dispatcher.RescheduleAsync(number, stoppingToken)));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                RescheduleFailed(log, error, number);
            }
        }

        foreach (var (number, committed) in written)
        {
            try
            {
                await committed;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                RescheduleFailed(log, error, number);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reminders of {Number} could not be rescheduled after a change")]
    private static partial void RescheduleFailed(ILogger logger, Exception error, string number);
}
