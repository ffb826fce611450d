using Quartz;

namespace SupportBot.Reminders;

/// <summary>An engineer's combining window closed (the trigger is named after them): queue their held nudges as one message.</summary>
/// <remarks>
/// One flush at a time across the cluster: a window re-armed while its flush runs would otherwise fire on another
/// instance over the same held nudges (the tickets' versions would still stop a second message, with a retry).
/// </remarks>
[DisallowConcurrentExecution]
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
            // Nothing of the flush committed: the nudges are still held in the database, and the flush is tried again.
            FlushFailed(log, error, engineerId);
            await dispatcher.FlushLaterAsync(engineerId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Combined nudges for engineer {Engineer} failed; trying again in a minute")]
    private static partial void FlushFailed(ILogger logger, Exception error, string engineer);
}
