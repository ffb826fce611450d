using Quartz;

namespace SupportBot.Reminders;

/// <summary>An engineer's combining window closed (the trigger is named after them): send their held nudges as one message.</summary>
internal sealed partial class NudgeDigestJob(ReminderDispatcher dispatcher, ILogger<NudgeDigestJob> log) : IJob
{
    public static readonly JobKey Key = new("nudge-digests", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engineerId = context.Trigger.Key.Name;
        try
        {
            await dispatcher.FlushDigestAsync(engineerId, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The nudges are released unrecorded, so their tickets owe them still and send them at their next wake-up.
            FlushFailed(log, error, engineerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Combined nudges for engineer {Engineer} failed")]
    private static partial void FlushFailed(ILogger logger, Exception error, string engineer);
}
