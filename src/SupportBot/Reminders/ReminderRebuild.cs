using System.Diagnostics;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// At start-up, gives every open ticket with deadlines its next wake-up, derived from the ticket store (the source
/// of truth): the wake-up rows left by the last run are replaced, so none outlives a change of settings or a write
/// that failed, and files from before the rows existed get them. Whatever fell due while the process was down wakes
/// at once, and once: a ticket has one wake-up, and its steps are recorded as they are sent.
/// </summary>
internal sealed partial class ReminderRebuild(ITicketStore store, ReminderPlanner planner, IReminderScheduler scheduler, NudgeDigests digests, ILogger<ReminderRebuild> log) : BackgroundService
{
    private readonly TaskCompletionSource<int> _rebuilt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of tickets scheduled, once every wake-up is set.</summary>
    public Task<int> Rebuilt => _rebuilt.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the web endpoints are up while the store is read.
        await Task.Yield();
        try
        {
            var watch = Stopwatch.StartNew();
            var wakeUps = new List<(string Number, DateTimeOffset At)>();
            foreach (var ticket in store.OpenWithDeadlines())
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (planner.NextDueAt(ticket) is { } at)
                {
                    wakeUps.Add((ticket.Number, at));
                }
            }

            var planned = watch.ElapsedMilliseconds;
            await scheduler.WakeTicketsAsync(wakeUps, stoppingToken);

            // Nudges held for a digest when the process stopped are in the database; their windows close as they would have.
            var windows = await digests.RestoreAsync(stoppingToken);
            Scheduled(log, wakeUps.Count, planned, watch.ElapsedMilliseconds - planned, windows);
            _rebuilt.TrySetResult(wakeUps.Count);
        }
        catch (Exception error)
        {
            _rebuilt.TrySetException(error);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Count} tickets with open deadlines read and planned in {PlannedMilliseconds} ms, scheduled in {ScheduledMilliseconds} ms; {Digests} held digests")]
    private static partial void Scheduled(ILogger logger, int count, long plannedMilliseconds, long scheduledMilliseconds, int digests);
}
