using Quartz;

namespace SupportBot.Reminders;

/// <summary>
/// The reminders' Quartz scheduler on PostgreSQL: Quartz's ADO job store on the app's own database (its tables are
/// migration 0011_quartz.sql), clustered. Every instance runs a scheduler of the same name over the same rows, each
/// with an id of its own; a trigger is taken by one of them (a row lock in <c>qrtz_locks</c>), so it fires once. Each
/// checks in every <see cref="ReminderOptions.ClusterCheckInInterval"/>; one that has not for that long and as long
/// again is taken for dead, and whatever it had taken (and a pass it had under way) is fired by another.
/// </summary>
internal static class ClusteredReminderStore
{
    /// <summary>The scheduler's name, the same on every instance: the rows it owns carry it.</summary>
    public const string SchedulerName = "supportbot-reminders";

    /// <summary>
    /// No trigger ever counts as misfired: a late wake-up (every instance down, a stalled process) simply fires late,
    /// once, when an instance next looks; Quartz's misfire path would re-time it instead.
    /// </summary>
    public static readonly TimeSpan NeverMisfired = TimeSpan.FromDays(3650);

    public static void Use(IQuartzBuilder quartz, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read here, where Quartz is configured; ReminderOptionsValidator refuses a bad value at start.
        var checkIn = configuration.GetSection(ReminderOptions.SectionName).GetValue<TimeSpan?>(nameof(ReminderOptions.ClusterCheckInInterval))
            ?? ReminderOptions.DefaultCheckIn;
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            scheduler.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            // The app's own pooled NpgsqlDataSource (registered by AddPostgreSqlStorage as the container's DbDataSource).
            store.UsePostgres(source => source.UseRegisteredDataSource = true);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(cluster =>
            {
                cluster.CheckinInterval = checkIn;
                cluster.CheckinMisfireThreshold = checkIn;
            });
            store.ConfigureStore(options =>
            {
                options.MisfireThreshold = NeverMisfired;

                // The misfire pass finds nothing with that threshold; it would otherwise sleep as long as the threshold.
                options.MisfireHandlerFrequency = TimeSpan.FromMinutes(1);
                options.SchemaProvisioning = SchemaProvisioning.Validate;
            });
        });
    }
}
