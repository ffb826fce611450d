using System.Diagnostics;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Describing;
using SupportBot.Knowledge;
using SupportBot.Review;
using SupportBot.Storage;
using SupportBot.Tickets;

/// <summary>
/// The weekly review over a large store: N tickets spread over the weeks before, K of them in the reviewed week
/// (2026-W48), written straight into the tickets collection with the store's indexes, then one review of the desk.
/// With <c>keep</c> the file stays at that path and a later run with the same path reviews it again without writing it
/// anew (writing a million tickets takes minutes; the review a second or two). A reused file is opened the way SupportBot
/// opens it: the store's start-up count of open tickets reads two thirds of them first, so the cache starts warm and the
/// working set high; the README's figures come from a fresh file.
/// </summary>
internal static class ReviewBench
{
    public static async Task RunAsync(int total, int inWeek, string? keep = null)
    {
        var path = keep ?? Path.Combine(Path.GetTempPath(), $"review-bench-{Guid.NewGuid():N}.db");
        var reuse = keep is not null && File.Exists(keep);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "sample-appsettings.json")).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILiteDatabase>(_ => new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, SupportBotBsonMapper.Create()));
        services.AddSingleton(provider => new LiteDbCommitQueue(provider.GetRequiredService<ILiteDatabase>()));
        services.AddSingleton<ITicketStore>(provider => new LiteDbTicketStore(provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<LiteDbCommitQueue>()));
        services.AddSingleton<IDeflectionStore, LiteDbDeflectionStore>();
        services.AddSingleton<DeflectionStats>();
        services.AddSingleton<WeeklyReviewer>();
        services.AddSingleton<ReviewCalendar>();
        services.AddOptions<ReviewOptions>();
        services.AddSingleton<KnowledgeSlots>();
        services.AddDescribing();
        services.AddTickets();
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<ITicketStore>();
        var database = provider.GetRequiredService<ILiteDatabase>();

        var clock = Stopwatch.StartNew();
        var weekStart = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));
        var before = total - inWeek;
        var tickets = database.GetCollection<Ticket>("tickets");

        // Each ticket keeps what the analyser read from its description at filing, as SupportBot's own filing does
        // (TicketService with the knowledge feature's reader); the bench has few distinct descriptions, read once each.
        var problems = provider.GetRequiredService<KnowledgeSlots>();
        var read = new Dictionary<(string, string), ProblemSlots>();
        ProblemSlots Filed(string specific, string system) =>
            read.TryGetValue((specific, system), out var slots) ? slots : read[(specific, system)] = problems.Read(specific, system);
        foreach (var batch in Enumerable.Range(0, reuse ? 0 : total).Chunk(20_000))
        {
            tickets.InsertBulk(batch.Select(i => Ticket(i, Filed, i < before
                ? weekStart.AddMinutes(-1 - ((long)(before - i) * 365 * 24 * 60 / before))
                : weekStart.AddMinutes((i - before) * 7.0 * 24 * 60 / inWeek))));
        }

        Console.WriteLine(reuse ? $"reusing {path}; file {new FileInfo(path).Length / 1_000_000:N0} MB" : $"wrote {total:N0} tickets ({inWeek:N0} in 2026-W48) in {clock.Elapsed.TotalSeconds:F0} s; file {new FileInfo(path).Length / 1_000_000:N0} MB");
        var reviewer = provider.GetRequiredService<WeeklyReviewer>();
        for (var run = 1; run <= 3; run++)
        {
            GC.Collect();
            var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var review = reviewer.Review("2026-W48", team: null);
            var elapsed = clock.Elapsed;

            // CPU time beside wall time: on a machine shared with other builds the wall time says more about them.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine($"review {run}: {elapsed.TotalMilliseconds:F0} ms (CPU {cpu.TotalMilliseconds:F0} ms, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), opened {review.Week.Opened:N0} (previous week {review.Previous.Opened:N0}), "
                + $"held {(GC.GetTotalMemory(forceFullCollection: false) - memoryBefore) / 1_000_000:N0} MB, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1_000_000:N0} MB, "
                + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000:N0} MB (was {peakBefore / 1_000_000:N0})");
        }

        provider.GetRequiredService<ILiteDatabase>().Dispose();
        if (keep is not null)
        {
            return;
        }

        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, null) + "-log.db");
    }

    private static readonly string[] Categories = ["software", "hardware", "network", "account", "other"];
    private static readonly string[] Systems = ["OA", "CRM", "ERP", "VPN", "邮箱", "打印机"];

    private static Ticket Ticket(int i, Func<string, string, ProblemSlots> filed, DateTimeOffset submitted) => new()
    {
        Number = $"TS-{submitted:yyyyMMdd}-{i:D7}",
        Version = 1,
        SubmittedAt = submitted,
        Reporter = new Reporter { Id = $"aad-{i % 5000}", Kind = ReporterKind.Employee, Name = "张伟", Locale = "zh-CN" },
        Title = $"{Systems[i % Systems.Length]} 问题 {i % 40}",
        Category = Categories[i % Categories.Length],
        Priority = (Priority)(i % 4),
        Status = i % 3 == 0 ? TicketStatus.Closed : TicketStatus.InProgress,
        Description = new TicketDescription
        {
            Specific = $"在{Systems[i % Systems.Length]}中操作时报错 E{i % 97}",
            Original = "报错",
            Slots = filed($"在{Systems[i % Systems.Length]}中操作时报错 E{i % 97}", Systems[i % Systems.Length]),
        },
        AffectedSystem = new AffectedSystem { Name = Systems[i % Systems.Length] },
        Team = "apps",
        Assignee = "9f1c2d3e-0004-4000-8000-000000000002",
        Milestones = new TicketMilestones
        {
            AssignedAt = submitted.AddMinutes(3),
            FirstResponseAt = submitted.AddMinutes(5 + (i % 30)),
            ResolvedAt = i % 3 == 0 ? submitted.AddHours(2 + (i % 20)) : null,
            ClosedAt = i % 3 == 0 ? submitted.AddHours(30) : null,
        },
    };
}
