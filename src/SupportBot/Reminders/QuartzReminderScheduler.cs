using Quartz;

namespace SupportBot.Reminders;

/// <summary>
/// Reminder wake-ups on Quartz: the tickets' wake-ups are rows in the database (<see cref="IReminderWakeUps"/>) and
/// Quartz holds ONE trigger for them, at the earliest (the <see cref="DeadlineReminderJob"/>, which sends what is
/// due and arms the trigger again); each engineer's digest window is a trigger of its own on the
/// <see cref="NudgeDigestJob"/> (a handful, bounded by the roster). A trigger that fell due while nothing ran fires
/// once, at once (misfire: fire now), however long ago that was.
/// </summary>
/// <remarks>
/// One trigger per open ticket kept ~700 bytes per ticket in Quartz's in-memory store for as long as the ticket was
/// open: memory that grew with the tickets filed (bench/README.md, "Soak"). A single periodic job over a due-time
/// index is also what a clustered Quartz store on a shared database wants.
/// Arming takes turns (<see cref="IReminderArming"/>): across the instances on PostgreSQL, where any of them may move
/// the trigger, and where the trigger stands is then read from the shared store, not from this instance's memory.
/// </remarks>
internal sealed class QuartzReminderScheduler(ISchedulerFactory schedulers, IReminderWakeUps wakeUps, IReminderArming arming, TimeProvider time) : IReminderScheduler
{
    public const string TicketGroup = "deadlines";
    public const string DigestGroup = "digests";

    /// <summary>The one trigger of the due tickets.</summary>
    public static readonly TriggerKey DueKey = new("due", TicketGroup);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    // When this instance last set the trigger to fire; null when it is not set. It may lag a fired trigger (the job that
    // fired re-arms). Only trusted when no other instance moves the trigger (arming.Shared is false).
    private DateTimeOffset? _armedAt;

    public Task WakeTicketAsync(string number, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        // Queued now, in call order (see the interface); the trigger moves only once the row is committed.
        var written = wakeUps.SetAsync(number, at);
        return at is { } when ? ArmAfterAsync(written, when, cancellationToken) : written;
    }

    /// <summary>
    /// Replaces the rows and arms in one turn: instances starting at once rebuild one after the other, each arming from
    /// the rows as they left them.
    /// </summary>
    public async Task WakeTicketsAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> all, CancellationToken cancellationToken)
    {
        await using var turn = await arming.TakeTurnAsync(cancellationToken);
        await wakeUps.ReplaceAllAsync(all, cancellationToken);
        await ArmEarliestAsync(null, cancellationToken);
    }

    public async Task FlushDigestAsync(string engineerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(Trigger(new TriggerKey(engineerId, DigestGroup), NudgeDigestJob.Key, at), ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>
    /// Sets the trigger at the earliest wake-up in the database (the job, once it has sent what was due), or at
    /// <paramref name="notBefore"/> when that is later (the job could not read what was due). In a turn: a wake-up
    /// committed before another arming moved the trigger earlier is either seen here or armed after this.
    /// </summary>
    public async Task RearmAsync(DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        await using var turn = await arming.TakeTurnAsync(cancellationToken);
        await ArmEarliestAsync(notBefore, cancellationToken);
    }

    private async Task ArmEarliestAsync(DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        Exception? unread = null;
        DateTimeOffset? earliest;
        try
        {
            earliest = wakeUps.Earliest();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The rows could not be read (a storage fault): look again in a minute rather than never.
            unread = error;
            earliest = time.GetUtcNow() + RetryAfter;
        }

        if (notBefore is { } floor && earliest is { } first && first < floor)
        {
            earliest = floor;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (earliest is { } at)
        {
            await scheduler.ScheduleJob(Trigger(DueKey, DeadlineReminderJob.Key, at), ScheduleJobOptions.Replacing, cancellationToken);
        }
        else
        {
            await scheduler.UnscheduleJob(DueKey, cancellationToken);
        }

        _armedAt = earliest;
        if (unread is not null)
        {
            throw new InvalidOperationException("The reminders' wake-ups could not be read; looking again in a minute.", unread);
        }
    }

    private async Task ArmAfterAsync(Task written, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await written;
        await using var turn = await arming.TakeTurnAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var armed = arming.Shared ? (await scheduler.GetTrigger(DueKey, cancellationToken))?.NextFireTimeUtc : _armedAt;
        if (armed is { } set && set <= at)
        {
            return;
        }

        await scheduler.ScheduleJob(Trigger(DueKey, DeadlineReminderJob.Key, at), ScheduleJobOptions.Replacing, cancellationToken);
        _armedAt = at;
    }

    // A time already past starts now, by our clock, so it never counts as a misfire (see AddReminders).
    private ITrigger Trigger(TriggerKey key, JobKey job, DateTimeOffset at)
    {
        var now = time.GetUtcNow();
        return TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(at < now ? now : at)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
    }
}
