using Quartz;
using SupportBot.BotFramework.State;

namespace SupportBot.Reminders;

/// <summary>
/// The tickets' one wake-up trigger fired: every ticket whose wake-up is due (<see cref="IReminderWakeUps"/>) is
/// passed to the dispatcher, which sends what is due and sets the ticket's next wake-up; then the trigger is armed
/// again at the earliest wake-up left. One pass takes a bounded batch; a longer backlog arms it at once again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DeadlineReminderJob(IReminderWakeUps wakeUps, QuartzReminderScheduler scheduler, ReminderDispatcher dispatcher, TimeProvider time, ILogger<DeadlineReminderJob> log) : IJob
{
    public static readonly JobKey Key = new("deadline-reminders", "reminders");

    private const int Batch = 256;

    // Several tickets at once, as when each had a trigger of its own on Quartz's pool; each pass mostly waits for its commit.
    private const int AtOnce = 4;

    private const int ConflictAttempts = 3;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTimeOffset? notBefore = null;
        try
        {
            var due = wakeUps.DueBy(time.GetUtcNow(), Batch);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = cancellationToken }, RemindAsync);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The wake-ups could not be read (a storage fault): not at once again, which would spin while it lasts.
            ReadFailed(log, error);
            notBefore = time.GetUtcNow() + RetryAfter;
        }
        finally
        {
            await scheduler.RearmAsync(notBefore, cancellationToken);
        }
    }

    private async ValueTask RemindAsync(string number, CancellationToken cancellationToken)
    {
        try
        {
            // A conflict is the ticket changed since it was read — by a turn, or by a pass that ran on another instance
            // (a recovery) and recorded the same steps first: read again, and what is recorded is not sent twice.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await dispatcher.RemindAsync(number, cancellationToken);
                    return;
                }
                catch (StorageConflictException) when (attempt < ConflictAttempts)
                {
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // One ticket's failure must neither stop the others nor lose the ticket: log it and look again soon.
            PassFailed(log, error, number);
            await dispatcher.WakeLaterAsync(number, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The due reminders could not be read; trying again in a minute")]
    private static partial void ReadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reminders of {Number} failed; trying again in a minute")]
    private static partial void PassFailed(ILogger logger, Exception error, string number);
}
