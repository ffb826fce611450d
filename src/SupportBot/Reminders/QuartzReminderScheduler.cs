using Quartz;

namespace SupportBot.Reminders;

/// <summary>
/// Reminder wake-ups as Quartz triggers: one one-shot trigger per ticket (key: the ticket number) on the durable
/// <see cref="DeadlineReminderJob"/>, and one per engineer on the <see cref="NudgeDigestJob"/>. A trigger that fell due
/// while nothing ran fires once, at once (misfire: fire now), however long ago that was.
/// </summary>
internal sealed class QuartzReminderScheduler(ISchedulerFactory schedulers, TimeProvider time) : IReminderScheduler
{
    public const string TicketGroup = "deadlines";
    public const string DigestGroup = "digests";

    public async Task WakeTicketAsync(string number, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (at is { } when)
        {
            await scheduler.ScheduleJob(Trigger(number, TicketGroup, DeadlineReminderJob.Key, when), ScheduleJobOptions.Replacing, cancellationToken);
        }
        else
        {
            await scheduler.UnscheduleJob(new TriggerKey(number, TicketGroup), cancellationToken);
        }
    }

    public async Task WakeTicketsAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> wakeUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUps);
        if (wakeUps.Count == 0)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = await scheduler.GetJobDetail(DeadlineReminderJob.Key, cancellationToken)
            ?? throw new InvalidOperationException("The deadline reminder job is not registered.");
        ITrigger[] triggers = [.. wakeUps.Select(w => Trigger(w.Number, TicketGroup, DeadlineReminderJob.Key, w.At))];
        await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task FlushDigestAsync(string engineerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(Trigger(engineerId, DigestGroup, NudgeDigestJob.Key, at), ScheduleJobOptions.Replacing, cancellationToken);
    }

    // A time already past starts now, by our clock, so it never counts as a misfire (see AddReminders).
    private ITrigger Trigger(string name, string group, JobKey job, DateTimeOffset at)
    {
        var now = time.GetUtcNow();
        return TriggerBuilder.Create()
            .WithIdentity(name, group)
            .ForJob(job)
            .StartAt(at < now ? now : at)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
    }
}
