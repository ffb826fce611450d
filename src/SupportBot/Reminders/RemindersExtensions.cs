using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

internal static class RemindersExtensions
{
    /// <summary>
    /// Nudges before every deadline and escalation after it, on a Quartz scheduler: one trigger over the tickets'
    /// wake-up rows (rebuilt from the tickets at start), one per engineer's digest window. On LiteDB the scheduler
    /// keeps its triggers in memory (one process); on PostgreSQL it is clustered on the same database
    /// (<see cref="ClusteredReminderStore"/>), so each reminder fires once across the instances.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReminderOptions, ReminderOptionsValidator>(ReminderOptions.SectionName);
        var clustered = StorageOptions.UsesPostgreSql(configuration);
        services.AddQuartz(quartz =>
        {
            if (clustered)
            {
                ClusteredReminderStore.Use(quartz, configuration);
            }
            else
            {
                // A name per host: tests run many hosts in one process.
                quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = $"supportbot-reminders-{Guid.NewGuid():N}");

                // A reminder that is late (process stalled, every worker busy, clock jumped) is simply fired late: there is no
                // "misfire" for a one-shot wake-up. Quartz's misfire path would also re-time it by the wall clock rather
                // than by the scheduler's TimeProvider.
                quartz.UseInMemoryStore(store => store.MisfireThreshold = ClusteredReminderStore.NeverMisfired);
            }

            // Recovery: a pass or a flush cut short by a dead instance runs again on another; both are safe to run twice
            // (each step is recorded with the ticket's version, see ReminderDispatcher).
            quartz.AddJob<DeadlineReminderJob>(job => job.WithIdentity(DeadlineReminderJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<NudgeDigestJob>(job => job.WithIdentity(NudgeDigestJob.Key).StoreDurably().RequestRecovery());
        });
        // Quartz's own hosted service, its stop bounded by the host's shutdown budget (see BoundedSchedulerStop).
        services.Configure<QuartzHostedServiceOptions>(hosted => hosted.WaitForJobsToComplete = true);
        services.AddSingleton<QuartzHostedService>();
        services.AddHostedService<BoundedSchedulerStop>();

        // PostgreSQL registers turns taken across the instances (PgReminderArming) before this.
        services.TryAddSingleton<IReminderArming, LocalReminderArming>();
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
        if (clustered)
        {
            // Survivors never restart, so the start-up rebuild cannot recover what a killed instance left half-written.
            services.AddHostedService<ReminderSweep>();
        }

        services.AddSingleton<ReminderRescheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderRescheduler>());
        return services;
    }
}
