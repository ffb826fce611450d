using Quartz;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

internal static class RemindersExtensions
{
    /// <summary>
    /// Nudges before every deadline and escalation after it, on an in-process Quartz scheduler: one trigger over the
    /// tickets' wake-up rows (rebuilt from the tickets at start), one per engineer's digest window.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReminderOptions, ReminderOptionsValidator>(ReminderOptions.SectionName);
        services.AddQuartz(quartz =>
        {
            // A name per host: Quartz keeps schedulers in a process-wide registry, and tests run many hosts at once.
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = $"supportbot-reminders-{Guid.NewGuid():N}");
            // A reminder that is late (process stalled, every worker busy, clock jumped) is simply fired late: there is no
            // "misfire" for a one-shot wake-up. Quartz's misfire path would also re-time it by the wall clock rather
            // than by the scheduler's TimeProvider.
            quartz.UseInMemoryStore(store => store.MisfireThreshold = TimeSpan.FromDays(3650));
            quartz.AddJob<DeadlineReminderJob>(job => job.WithIdentity(DeadlineReminderJob.Key).StoreDurably());
            quartz.AddJob<NudgeDigestJob>(job => job.WithIdentity(NudgeDigestJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);

        services.AddSingleton<QuartzReminderScheduler>();
        services.AddSingleton<IReminderScheduler>(provider => provider.GetRequiredService<QuartzReminderScheduler>());
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<ReminderMessages>();
        services.AddSingleton<ReminderHistory>();
        services.AddSingleton<ReminderOutbox>();
        services.AddSingleton<IOutboxHandler>(provider => provider.GetRequiredService<ReminderOutbox>());
        services.AddSingleton<NudgeDigests>();
        services.AddSingleton<TicketLocks>();
        services.AddSingleton<ArchiveSteps>();
        services.AddSingleton<ReminderDispatcher>();
        services.AddSingleton<ChangedTickets>();
        services.AddSingleton<ITicketChangeListener>(provider => provider.GetRequiredService<ChangedTickets>());
        services.AddSingleton<ReminderRebuild>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderRebuild>());
        services.AddSingleton<ReminderRescheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderRescheduler>());
        return services;
    }
}
