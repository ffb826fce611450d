using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SupportBot.Engineering;
using SupportBot.Reminders;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// The application team at work with its triage channel configured (so it survives restarts), the real Quartz
/// scheduler driven by the fake clock, and a way to move the clock to an exact instant and wait until every
/// reminder due by then has been sent. Restarts keep the database and the fake Connector.
/// </summary>
internal sealed class ReminderOffice : IAsyncDisposable
{
    public const string Reporter = "aad-zhang-wei";
    private readonly FakeChannel _channel;
    private readonly TempDatabase _database = new();
    private readonly Dictionary<string, string?> _settings;

    private ReminderOffice(FakeChannel channel, IDictionary<string, string?>? settings)
    {
        _channel = channel;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:DatabasePath"] = _database.Path,
            ["Roster:Teams:3:Assignment"] = "Queue",
            ["Roster:Teams:3:TriageChannelId"] = TeamsOffice.TriageChannelId,
            ["Teams:ServiceUrl"] = channel.ServiceUrl,
        };
        Office = Open(null);
    }

    public TeamsOffice Office { get; private set; }

    public FakeChannel Channel => _channel;

    public static async Task<ReminderOffice> OpenAsync(IDictionary<string, string?>? settings = null) => new(await FakeChannel.StartAsync(), settings);

    /// <summary>Everyone the tests listen to, each in their own chat (installed, so SupportBot can reach them) and the triage channel.</summary>
    public async Task<(TeamsPerson Zhang, TeamsPerson Zheng, TeamsPerson Wu, TeamsPerson Triage)> PeopleAsync()
    {
        var zhang = Office.Personal(Reporter, "张伟", "zh-CN");
        var zheng = Office.Personal(TeamsOffice.ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var wu = Office.Personal(TeamsOffice.WuGang, "吴刚 Wu Gang", "zh-CN");
        foreach (var person in new[] { zhang, zheng, wu })
        {
            await person.InstallAsync();
        }

        return (zhang, zheng, wu, Office.InTriageChannel(TeamsOffice.JamesCarter, "James Carter", "en-US"));
    }

    /// <summary>Files a ticket as the intake does and hands it to the triage channel (and the assignee, if routed).</summary>
    public async Task<Ticket> SubmitAsync(Priority priority, string title = "OA 审批按钮无响应")
    {
        var draft = TestTickets.Draft(priority: priority, reporter: TestTickets.Employee with { Id = Reporter }) with { Title = title };
        var reporter = new Actor(Reporter, "张伟");
        var ticket = await Office.App.Services.GetRequiredService<TicketService>().SubmitAsync(draft, reporter);
        Office.App.Services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, reporter));
        await Office.DrainAsync();
        return ticket;
    }

    public Ticket Ticket(string number) => Office.Ticket(number);

    /// <summary>
    /// Two medium tickets filed at 09:30 and 09:32, each taken by 郑丽 in the triage channel and acknowledged by her: their
    /// engineer's-response nudges (14:01 and 14:03) both go to her, within one combining window.
    /// </summary>
    public async Task TwoTakenByZhengAsync(TeamsPerson zheng)
    {
        ArgumentNullException.ThrowIfNull(zheng);
        var inChannel = Office.InTriageChannel(TeamsOffice.ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await SubmitAsync(Priority.Medium, "OA 审批按钮无响应");
        await AtAsync(Calendars.ChinaTime(11, 23, 9, 31));
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await AtAsync(Calendars.ChinaTime(11, 23, 9, 32));
        await SubmitAsync(Priority.Medium, "CRM 导出报表超时");
        await AtAsync(Calendars.ChinaTime(11, 23, 9, 33));
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await SettleAsync();
        foreach (var card in zheng.Cards().Where(c => TicketCards.Verbs(c).Contains("ack")).ToList())
        {
            await zheng.ExecuteAsync(card, "ack");
        }
    }

    /// <summary>A medium ticket filed at 09:30 on Monday 23 November, taken by 郑丽 at 09:31 and resolved by her at 10:00.</summary>
    public async Task ResolvedByZhengAsync(TeamsPerson zheng)
    {
        ArgumentNullException.ThrowIfNull(zheng);
        var inChannel = Office.InTriageChannel(TeamsOffice.ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await SubmitAsync(Priority.Medium);
        await AtAsync(Calendars.ChinaTime(11, 23, 9, 31));
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await SettleAsync();
        await AtAsync(Calendars.ChinaTime(11, 23, 10, 0));
        await zheng.ExecuteAsync(zheng.LatestCardWith("resolve"), "resolve", ("solution", "已清理缓存"), ("effort", "20"));
    }

    /// <summary>Moves the clock to <paramref name="at"/> (never back) and waits until everything due by then is sent.</summary>
    public async Task AtAsync(DateTimeOffset at)
    {
        await SettleAsync();
        Office.App.Time.SetUtcNow(at);
        await SettleAsync();
    }

    /// <summary>
    /// Waits until no ticket's wake-up and no digest trigger is due at the fake "now" or still running (a fired
    /// digest trigger stays in the store until its job completes; a ticket's wake-up row until its pass set the
    /// next), no change waits to be rescheduled and every card refresh has gone out.
    /// </summary>
    public async Task SettleAsync()
    {
        var services = Office.App.Services;
        await services.GetRequiredService<ReminderRebuild>().Rebuilt;
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var dispatcher = services.GetRequiredService<ReminderDispatcher>();
        var engineers = services.GetRequiredService<SupportRoster>().Teams.SelectMany(team => team.Members).Select(m => m.Id).ToList();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await services.GetRequiredService<ChangedTickets>().DrainAsync();
            await Office.DrainAsync();
            var now = Office.App.Time.GetUtcNow();
            // Tickets whose wake-up is due (the one trigger over them fires, and re-arms, until none is), and digest windows.
            var due = services.GetRequiredService<IReminderWakeUps>().DueBy(now, 10).ToList();
            foreach (var key in engineers.Select(id => new TriggerKey(id, QuartzReminderScheduler.DigestGroup)))
            {
                if (await scheduler.GetTrigger(key) is { } trigger && !(trigger.NextFireTimeUtc > now))
                {
                    due.Add(key.Name);
                }
            }

            if (due.Count == 0 && dispatcher.Busy == 0)
            {
                await Office.DrainAsync();
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Reminders still due or running after 30 s: {string.Join(", ", due)} (busy {dispatcher.Busy}).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops SupportBot (as a deployment would) and starts a new host on the same database at <paramref name="at"/>.</summary>
    public async Task RestartAtAsync(DateTimeOffset at)
    {
        await StopAsync();
        await StartAtAsync(at);
    }

    /// <summary>Stops SupportBot without starting it again: the data file may then be read (<see cref="OpenDatabaseAsync"/>).</summary>
    public Task StopAsync() => Office.App.DisposeAsync().AsTask();

    /// <summary>Starts SupportBot again, after <see cref="StopAsync"/>, on the same database at <paramref name="at"/>.</summary>
    public async Task StartAtAsync(DateTimeOffset at)
    {
        Office = Open(at);
        await SettleAsync();
    }

    /// <summary>The data file, opened directly once the stopped SupportBot has closed it: what it left on disk.</summary>
    public async Task<LiteDB.LiteDatabase> OpenDatabaseAsync()
    {
        await SupportBot.Storage.DatabaseFile.ClosedHereAsync(_database.Path).WaitAsync(TimeSpan.FromMinutes(1));
        return _database.Open();
    }

    /// <summary>The reminder entries of the ticket's history, as "what step → recipient".</summary>
    public IReadOnlyList<string> Reminders(string number) =>
        [.. Ticket(number).History
            .Where(e => HistoryKinds.IsReminder(e.What))
            .Select(e => (e.What, Step: e.Before ?? "", e.After))
            .Select(e => $"{e.What} {e.Step[..e.Step.IndexOf('@', StringComparison.Ordinal)]}/{e.Step[(e.Step.LastIndexOf('/') + 1)..]} → {e.After}")];

    private TeamsOffice Open(DateTimeOffset? at)
    {
        var app = new SupportBotApplication(_settings);
        if (at is { } start)
        {
            app.Time.SetUtcNow(start);
        }

        _ = app.Server;
        return TeamsOffice.Wrap(_channel, app);
    }

    public async ValueTask DisposeAsync()
    {
        await Office.DisposeAsync();
        _database.Dispose();
    }
}
