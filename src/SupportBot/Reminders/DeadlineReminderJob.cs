using Quartz;

namespace SupportBot.Reminders;

/// <summary>A ticket's reminders woke (the trigger is named after the ticket): send what is due, set the next wake-up.</summary>
internal sealed partial class DeadlineReminderJob(ReminderDispatcher dispatcher, ILogger<DeadlineReminderJob> log) : IJob
{
    public static readonly JobKey Key = new("deadline-reminders", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var number = context.Trigger.Key.Name;
        try
        {
            await dispatcher.RemindAsync(number, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // One ticket's failure must neither stop the scheduler nor lose the ticket: log it and look again soon.
            PassFailed(log, error, number);
            await dispatcher.WakeLaterAsync(number, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reminders of {Number} failed; trying again in a minute")]
    private static partial void PassFailed(ILogger logger, Exception error, string number);
}
