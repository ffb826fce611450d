using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using SupportBot.Engineering;
using SupportBot.Reminders;
using SupportBot.Tickets;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// Two SupportBot instances on one PostgreSQL database (the reminders' Quartz clustered on it) and one fake Connector,
/// the application team working from its triage channel, each instance on a fake clock the test moves. Instance A
/// reaches the database through a relay the test can cut (<see cref="KillA"/>): A then dies, as far as B can tell.
/// </summary>
internal sealed class ReminderCluster : IAsyncDisposable
{
    /// <summary>Short, so that a dead instance is found in a test's time; the product's default is 15 s.</summary>
    public static readonly TimeSpan CheckIn = TimeSpan.FromSeconds(1);

    private readonly string _database;
    private readonly PgRelay _relay;
    private readonly CancellationTokenSource _disposed = new();
    private bool _aDead;
    private bool _aStopped;
    private Task _deadClock = Task.CompletedTask;

    private ReminderCluster(FakeChannel channel, string database, PgRelay relay)
    {
        Channel = channel;
        _database = database;
        _relay = relay;
        A = TeamsOffice.Wrap(channel, Start(relay.ConnectionString));
        B = TeamsOffice.Wrap(channel, Start(database));
    }

    public FakeChannel Channel { get; }

    public TeamsOffice A { get; }

    public TeamsOffice B { get; }

    /// <summary>The instances still alive.</summary>
    public IEnumerable<TeamsOffice> Live => _aDead ? [B] : [A, B];

    public static async Task<ReminderCluster> OpenAsync()
    {
        var database = PgTestCluster.Instance.CreateDatabase();
        var channel = await FakeChannel.StartAsync();
        var cluster = new ReminderCluster(channel, database, new PgRelay(database));

        // Both up, the schema migrated once, before either is used.
        await cluster.SettleAsync();
        return cluster;
    }

    /// <summary>Files a ticket through instance A, as the intake does, and hands it to the triage channel.</summary>
    public async Task<Ticket> SubmitAsync(Priority priority, string title)
    {
        var reporter = new Actor(ReminderOffice.Reporter, "张伟");
        var draft = TestTickets.Draft(priority: priority, reporter: TestTickets.Employee with { Id = ReminderOffice.Reporter }) with { Title = title };
        var ticket = await A.App.Services.GetRequiredService<TicketService>().SubmitAsync(draft, reporter);
        A.App.Services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, reporter));
        await A.DrainAsync();
        return ticket;
    }

    /// <summary>Moves the live instances' clocks to <paramref name="at"/> and waits until everything due by then is done.</summary>
    public async Task AtAsync(DateTimeOffset at)
    {
        await SettleAsync();
        foreach (var office in Live)
        {
            SetClock(office, at);
        }

        await SettleAsync();
    }

    /// <summary>
    /// Waits until, on every live instance, no ticket's wake-up and no digest window is due at the fake "now" or being
    /// handled, and no change waits to be rescheduled (the rows and triggers are shared; the passes run on either).
    /// </summary>
    public async Task SettleAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var due = new List<string>();
            var busy = 0;
            foreach (var office in Live)
            {
                var services = office.App.Services;
                await services.GetRequiredService<ReminderRebuild>().Rebuilt;
                await services.GetRequiredService<ChangedTickets>().DrainAsync();
                await office.DrainAsync();
                var now = office.App.Time.GetUtcNow();
                due.AddRange(services.GetRequiredService<IReminderWakeUps>().DueBy(now, 10));
                var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
                foreach (var key in (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzReminderScheduler.DigestGroup))))
                {
                    if (await scheduler.GetTrigger(key) is { } trigger && !(trigger.NextFireTimeUtc > now))
                    {
                        due.Add(key.Name);
                    }
                }

                busy += services.GetRequiredService<ReminderDispatcher>().Busy;
            }

            if (due.Count == 0 && busy == 0)
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Reminders still due or running after 60 s: {string.Join(", ", due)} (busy {busy}).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Sets one instance's clock, in UTC as the system clock gives it (Npgsql writes only UTC instants, and the fake clock
    /// would otherwise hand back the offset it was set with).
    /// </summary>
    public static void SetClock(TeamsOffice office, DateTimeOffset at) => office.App.Time.SetUtcNow(at.ToUniversalTime());

    /// <summary>Instance A dies: its every connection to the database is cut at once, nothing shut down cleanly.</summary>
    public void KillA()
    {
        _relay.Cut();
        _aDead = true;

        // The dead instance's own clock goes on, so that its scheduler's retries (on that clock) give up when it is disposed.
        _deadClock = Task.Run(async () =>
        {
            while (!_disposed.IsCancellationRequested)
            {
                A.App.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20, CancellationToken.None);
            }
        });
    }

    /// <summary>
    /// Shuts instance A down. After <see cref="KillA"/> the partition heals first: a dead process is simply gone, but an
    /// in-process one must be shut down, and Quartz does not give up a store it cannot reach.
    /// </summary>
    public async Task StopAAsync()
    {
        if (_aStopped)
        {
            return;
        }

        _aStopped = true;
        if (_aDead)
        {
            await _relay.HealAsync();
        }

        await A.App.DisposeAsync();
    }

    /// <summary>Waits (bounded) until a scheduler has taken the tickets' trigger; its instance id.</summary>
    public async Task<string> HolderOfDueTriggerAsync()
    {
        for (var look = 0; look < 600; look++)
        {
            if (HolderOfDueTrigger() is { } holder)
            {
                return holder;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No scheduler took the tickets' trigger within 30 s.");
    }

    /// <summary>
    /// Lets time pass on B alone, a quarter of a second per step (at most 400 steps), until <paramref name="happened"/>;
    /// B's clock when it did.
    /// </summary>
    public async Task<DateTimeOffset> RunBUntilAsync(Func<bool> happened)
    {
        for (var step = 0; step < 400; step++)
        {
            if (happened())
            {
                return B.App.Time.GetUtcNow();
            }

            B.App.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(50);
        }

        throw new TimeoutException("Not done on B after 100 s of its time.");
    }

    /// <summary>The scheduler instance (Quartz's id) holding the tickets' trigger, once one has taken it; null until then.</summary>
    public string? HolderOfDueTrigger() => Scalar<string>(
        "SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = @name AND trigger_group = @group",
        ("name", QuartzReminderScheduler.DueKey.Name), ("group", QuartzReminderScheduler.DueKey.Group));

    /// <summary>Instance <paramref name="office"/>'s scheduler id in the cluster.</summary>
    public static async Task<string> InstanceIdAsync(TeamsOffice office) =>
        (await office.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

    /// <summary>Outbox rows of reminder messages with this key (one per message sent): the database's own count.</summary>
    public long ReminderRows(string key) =>
        Scalar<long>("SELECT count(*) FROM outbox WHERE kind = 'reminder' AND key = @key", ("key", key));

    private T? Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(_database);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar() is T found ? found : default;
    }

    private SupportBotApplication Start(string connectionString)
    {
        var app = new SupportBotApplication(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupportBot"] = connectionString,
            ["Reminders:ClusterCheckInInterval"] = CheckIn.ToString(),
            ["Roster:Teams:3:Assignment"] = "Queue",
            ["Roster:Teams:3:TriageChannelId"] = TeamsOffice.TriageChannelId,
            ["Teams:ServiceUrl"] = Channel.ServiceUrl,
        });
        _ = app.Server;
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await B.App.DisposeAsync();
        await StopAAsync();
        await _disposed.CancelAsync();
        await _deadClock;
        _disposed.Dispose();
        await _relay.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
