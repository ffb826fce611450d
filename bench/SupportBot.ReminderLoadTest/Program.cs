using System.Diagnostics;
using System.Globalization;
using LiteDB;
using SupportBot.Hosting;
using SupportBot.Reminders;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;

// Usage: SupportBot.ReminderLoadTest [tickets=100000] [probes=2000] [seconds=90] [first|restart]
// "first" (the default): the file has no reminder wake-up rows yet, as on the first start after an upgrade, so the
// rebuild writes one per ticket; "restart": the seed writes them as SupportBot would have, so the rebuild compares.
// Seeds a LiteDB file with open tickets, starts the whole app on it (real clock, real Quartz) and measures:
// how long the reminder rebuild takes and how much memory it keeps, and how late reminders due while all those
// triggers wait are recorded on their tickets. Probe tickets' first nudge falls due 30–60 s after seeding ends, once
// the host is up; every other ticket's first step is minutes away.
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var probes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 90;
var restart = args.Length > 3 && args[3] == "restart";
var databasePath = Path.Combine(Path.GetTempPath(), $"supportbot-reminder-load-{Guid.NewGuid():N}.db");

// Round the clock for every priority, so what is due when does not depend on the hour the benchmark runs at. Nobody
// here has a chat with SupportBot, so every nudge goes to the team lead and is recorded as undeliverable; combining
// nudges is off, or all of them would wait five minutes to go to the lead as one message.
var settings = new Dictionary<string, string?> { ["Storage:DatabasePath"] = databasePath, ["Reminders:CombineNudgesWithin"] = "0" };
foreach (var priority in new[] { "urgent", "high", "medium", "low" })
{
    settings[$"Sla:PriorityCalendars:{priority}"] = "round-the-clock";
}

var clock = TimeProvider.System;
var nudgeAfter = TimeSpan.FromMinutes(15 * 0.75); // the first response (15 min) is nudged at 75%
var seedWatch = Stopwatch.StartNew();
await using (var seeding = Build(settings))
{
    // Opening the store creates its indexes, as in any database SupportBot has run on.
    _ = seeding.Services.GetRequiredService<ITicketStore>();
    var calculator = seeding.Services.GetRequiredService<DeadlineCalculator>();
    var tickets = seeding.Services.GetRequiredService<ILiteDatabase>().GetCollection<Ticket>("tickets");
    var random = new Random(42);
    Ticket Seed(int serial, DateTimeOffset submitted)
    {
        // Milliseconds only, as LiteDB stores instants.
        var stored = DateTimeOffset.FromUnixTimeMilliseconds(submitted.ToUnixTimeMilliseconds());
        var ticket = SeedTicket(serial, stored, serial % 7 == 0 ? Priority.High : Priority.Low);
        return ticket with { NextDueAt = calculator.NextDue(ticket) };
    }

    // The background: submitted up to 3 min ago, so every first step is 8 or more minutes away.
    tickets.InsertBulk(
        Enumerable.Range(probes + 1, total - probes).Select(serial => Seed(serial, clock.GetUtcNow() - TimeSpan.FromSeconds(random.NextDouble() * 180))),
        batchSize: 5_000);

    // The probes last, timed from now: their first nudge 30–60 s ahead, after the measured host is up.
    var probesFrom = clock.GetUtcNow() + TimeSpan.FromSeconds(30);
    tickets.InsertBulk(Enumerable.Range(1, probes).Select(serial => Seed(serial, probesFrom + TimeSpan.FromSeconds(random.NextDouble() * 30) - nudgeAfter)));
    if (restart)
    {
        var plans = seeding.Services.GetRequiredService<ReminderPlanner>();
        (string, DateTimeOffset)[] wakeUps = [.. tickets.FindAll().Select(t => (t.Number, At: plans.NextDueAt(t))).Where(w => w.At is not null).Select(w => (w.Number, w.At!.Value))];
        await seeding.Services.GetRequiredService<IReminderWakeUps>().ReplaceAllAsync(wakeUps, CancellationToken.None);
    }
}

Console.WriteLine($"SupportBot reminder load test: {total:N0} open tickets ({probes:N0} probes due 30–60 s after seeding), seeded in {seedWatch.Elapsed.TotalSeconds:F1} s{(restart ? ", with their wake-up rows (a restart)" : ", no wake-up rows (a first start)")}");

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
var workingSetBefore = process.WorkingSet64;
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

var startWatch = Stopwatch.StartNew();
var app = Build(settings);
await app.StartAsync();
var hostStarted = startWatch.Elapsed;
var scheduled = await app.Services.GetRequiredService<ReminderRebuild>().Rebuilt;
var rebuildTime = startWatch.Elapsed;
var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
process.Refresh();
var workingSetAfter = process.WorkingSet64;
Console.WriteLine($"start-up:     host started in {hostStarted.TotalSeconds:F2} s, {scheduled:N0} tickets scheduled {rebuildTime.TotalSeconds:F2} s after start-up began");
Console.WriteLine($"memory MB:    managed heap +{(heapAfter - heapBefore) / 1048576.0:F0} retained after a full collection; working set +{(workingSetAfter - workingSetBefore) / 1048576.0:F0}");

// Each probe's first-response nudge, as the planner derives it; its lateness is when its history entry says it was
// handled (sent, or recorded as failed: nobody here has a chat with SupportBot) minus when it was due.
var service = app.Services.GetRequiredService<TicketService>();
var planner = app.Services.GetRequiredService<ReminderPlanner>();
var probeNumbers = Enumerable.Range(1, probes).Select(Number).ToList();
var dueAt = probeNumbers.ToDictionary(n => n, n => planner.Steps(service.Find(n)!).First(s => s.Kind == ReminderStepKind.Nudge).At);
var watch = Stopwatch.StartNew();
var lateness = new List<double>();
var repeated = 0;
while (watch.Elapsed < TimeSpan.FromSeconds(seconds) && lateness.Count < probes)
{
    await Task.Delay(1_000);
    lateness.Clear();
    repeated = 0;
    foreach (var number in probeNumbers)
    {
        var handled = service.Find(number)!.History
            .Where(e => e.Before?.StartsWith("firstResponse@", StringComparison.Ordinal) == true && e.Before.EndsWith("/nudge", StringComparison.Ordinal))
            .ToList();
        if (handled.Count > 0)
        {
            lateness.Add((handled[0].At - dueAt[number]).TotalMilliseconds);
            repeated += handled.Count - 1;
        }
    }
}

lateness.Sort();
double Percentile(double p) => lateness.Count == 0 ? double.NaN : lateness[Math.Min(lateness.Count - 1, (int)Math.Ceiling(p * lateness.Count) - 1)];
Console.WriteLine($"probes:       {lateness.Count:N0} of {probes:N0} handled; {repeated} handled more than once");
Console.WriteLine($"late ms:      p50 {Percentile(0.50):F0}  p90 {Percentile(0.90):F0}  p99 {Percentile(0.99):F0}  max {(lateness.Count == 0 ? double.NaN : lateness[^1]):F0}  (min {(lateness.Count == 0 ? double.NaN : lateness[0]):F0})");
process.Refresh();
Console.WriteLine($"memory MB:    peak working set {process.PeakWorkingSet64 / 1048576.0:F0}");

await app.StopAsync();
await app.DisposeAsync();
File.Delete(databasePath);
return lateness.Count == probes && repeated == 0 ? 0 : 1;

static WebApplication Build(Dictionary<string, string?> settings)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    // Warnings and errors (a failing reminder job would show here), and the rebuild's own timing.
    builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
        .AddFilter("SupportBot.Reminders.ReminderRebuild", LogLevel.Information);
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Services.AddSupportBot(builder.Configuration);
    var app = builder.Build();
    app.MapSupportBot();
    return app;
}

static string Number(int serial) => string.Create(CultureInfo.InvariantCulture, $"TS-20261202-{serial:000000}");

static Ticket SeedTicket(int serial, DateTimeOffset submitted, Priority priority) => new()
{
    Number = Number(serial),
    Version = 1,
    SubmittedAt = submitted,
    Reporter = new Reporter
    {
        Id = $"aad-load-{serial}",
        Kind = ReporterKind.Employee,
        Name = "张伟",
        Locale = "zh-CN",
        EmployeeId = $"E{serial:000000}",
        Department = "财务部",
        Extension = "8021",
    },
    Title = "OA 审批按钮无响应",
    Category = "software",
    Priority = priority,
    Status = TicketStatus.Submitted,
    Description = new TicketDescription
    {
        Specific = "登录OA系统时,'审批'按钮无响应,错误代码为E005",
        Original = "OA 不好用",
    },
    Team = "apps",
    History = [HistoryEntry.Of(new Actor($"aad-load-{serial}", "张伟"), submitted, HistoryKinds.Created, after: priority.Key())],
};
