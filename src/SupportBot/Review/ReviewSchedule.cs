using Microsoft.Extensions.Options;
using Quartz;

namespace SupportBot.Review;

/// <summary>The audience's review is due (the trigger is named after the audience): send last week's, set the next.</summary>
internal sealed partial class WeeklyReviewJob(ReviewSchedule schedule, ILogger<WeeklyReviewJob> log) : IJob
{
    public static readonly JobKey Key = new("weekly-review", "review");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var audience = ReviewAudience.FromKey(context.Trigger.Key.Name);
        try
        {
            await schedule.RunAsync(audience, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Nothing was recorded, so the review is still owed: try again in a few minutes rather than next week.
            Failed(log, error, audience.Key);
            await schedule.WakeAsync(audience, schedule.Now + TimeSpan.FromMinutes(5), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The weekly review of {Audience} failed; trying again in 5 minutes")]
    private static partial void Failed(ILogger logger, Exception error, string audience);
}

/// <summary>
/// The weekly review's wake-ups, one Quartz trigger per audience (each team, and all teams) at its next review time
/// (<see cref="ReviewCalendar"/>). Quartz's store is in memory, so at start the triggers are rebuilt from the
/// database: a review whose time passed while SupportBot was down, and which the ledger does not have, fires once at
/// once (only the latest such week; none from before reviews were first scheduled on this database).
/// </summary>
internal sealed partial class ReviewSchedule(
    ISchedulerFactory schedulers, ReviewCalendar calendar, ReviewSender sender, IReviewLedger ledger, IOptions<ReviewOptions> options, TimeProvider time, ILogger<ReviewSchedule> log)
    : BackgroundService
{
    public const string Group = "weekly-reviews";
    private readonly TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    /// <summary>Completes once every audience has its wake-up (tests).</summary>
    public Task Scheduled => _scheduled.Task;

    /// <summary>Reviews being sent right now (tests wait for none).</summary>
    public int Running => Volatile.Read(ref _running);

    public DateTimeOffset Now => time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (options.Value.Enabled)
            {
                var now = Now;
                var since = await ledger.SinceAsync(now);
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                await scheduler.AddJob(JobBuilder.Create<WeeklyReviewJob>().WithIdentity(WeeklyReviewJob.Key).StoreDurably().Build(), AddJobOptions.Replacing, stoppingToken);
                foreach (var audience in calendar.Audiences)
                {
                    var latest = calendar.LatestDue(audience, now);
                    var week = calendar.WeekReviewedAt(audience, latest);
                    var missed = latest >= since && !ledger.WasSent(ReviewSender.KeyOf(audience, week));
                    if (missed)
                    {
                        Missed(log, audience.Key, week);
                    }

                    await WakeAsync(audience, missed ? now : calendar.NextDue(audience, now), stoppingToken);
                }
            }

            _scheduled.TrySetResult();
        }
        catch (Exception error)
        {
            _scheduled.TrySetException(error);
            throw;
        }
    }

    /// <summary>Sends the review of the latest review time that has come (once, whatever fired it), then sets the next wake-up.</summary>
    public async Task RunAsync(ReviewAudience audience, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            var now = Now;
            var latest = calendar.LatestDue(audience, now);
            if (latest >= await ledger.SinceAsync(now))
            {
                await sender.SendAsync(audience, calendar.WeekReviewedAt(audience, latest));
            }

            await WakeAsync(audience, calendar.NextDue(audience, now), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Sets (replacing) the audience's wake-up; a time already past starts now, by our clock, so it is never a misfire.</summary>
    public async Task WakeAsync(ReviewAudience audience, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = Now;
        var trigger = TriggerBuilder.Create()
            .WithIdentity(audience.Key, Group)
            .ForJob(WeeklyReviewJob.Key)
            .StartAt(at < now ? now : at)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The weekly review {Week} of {Audience} fell due while SupportBot was down; sending it now")]
    private static partial void Missed(ILogger logger, string audience, string week);
}
