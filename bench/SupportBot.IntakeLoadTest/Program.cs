using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot.BotFramework.Schema;
using SupportBot.Hosting;
using SupportBot.IntakeLoadTest;

// Usage: SupportBot.IntakeLoadTest [conversations=50] [seconds=20] [warmup=5] [idle=0]
// Closed loop: each of the concurrent conversations files one ticket (ten turns over HTTP with
// expectReplies), then a new customer starts the next. The server is the whole app as shipped.
var conversations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var warmupSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

// A soak: the working set is printed every 30 s of the run, then after this many seconds without load.
var idleSeconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;

var databasePath = Path.Combine(Path.GetTempPath(), $"supportbot-intake-load-{Guid.NewGuid():N}.db");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Configuration["Storage:DatabasePath"] = databasePath;
builder.Services.AddSupportBot(builder.Configuration);
var app = builder.Build();
app.MapSupportBot();
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = new Uri(baseUrl) };
Console.WriteLine($"SupportBot intake load test: {conversations} concurrent conversations, {IntakeScript.Turns.Count} turns per ticket, closed loop, whole app, expectReplies over HTTP ({baseUrl})");

await RunAsync(TimeSpan.FromSeconds(warmupSeconds), record: false);
using var sampling = new CancellationTokenSource();
var samples = SampleWorkingSetAsync(sampling.Token);
// The process's CPU time and allocations over the measured run, per turn: on a machine shared with other work they move
// far less than turns/s and latency do (which depend on how much of the two cores this process gets).
using var self = Process.GetCurrentProcess();
var cpuBefore = self.TotalProcessorTime;
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
var run = await RunAsync(TimeSpan.FromSeconds(seconds), record: true);
self.Refresh();
var cpuUsed = self.TotalProcessorTime - cpuBefore;
var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
await sampling.CancelAsync();
await samples;

var latencies = run.Latencies.ToList();
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
var numbers = run.Numbers.ToList();
using var process = Process.GetCurrentProcess();
Console.WriteLine($"turns:        {latencies.Count:N0} in {run.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"turns/s:      {latencies.Count / run.Elapsed.TotalSeconds:N0}");
Console.WriteLine($"per turn:     {cpuUsed.TotalMilliseconds / latencies.Count:F3} ms CPU, {allocated / 1024.0 / latencies.Count:F0} KB allocated (whole process, server and load generator; {cpuUsed.TotalSeconds / run.Elapsed.TotalSeconds:F2} cores used)");
Console.WriteLine($"latency ms:   p50 {Percentile(0.50):F2}  p90 {Percentile(0.90):F2}  p99 {Percentile(0.99):F2}  max {latencies[^1]:F2}");
Console.WriteLine($"tickets:      {numbers.Count:N0} filed, {numbers.Distinct().Count():N0} distinct numbers; failed conversations: {run.Failures.Count}");
foreach (var failure in run.Failures.Take(5))
{
    Console.WriteLine($"  failure:    {failure}");
}

Console.WriteLine($"memory MB:    peak working set {process.PeakWorkingSet64 / 1048576.0:F0}, at the end {Environment.WorkingSet / 1048576.0:F0}");
if (idleSeconds > 0)
{
    // Every 15 s of the quiet spell, to see when SupportBot's idle trim (Memory:IdleTrimAfter) gives memory back.
    for (var quiet = 15; quiet <= idleSeconds; quiet += 15)
    {
        await Task.Delay(TimeSpan.FromSeconds(15));
        Console.WriteLine($"memory MB:    working set after {quiet} s idle {Environment.WorkingSet / 1048576.0:F0} ({Managed()})");
    }
}

await app.StopAsync();
await app.DisposeAsync();
File.Delete(databasePath);
File.Delete(Path.ChangeExtension(databasePath, null) + "-log.db");
return run.Failures.IsEmpty && numbers.Distinct().Count() == numbers.Count ? 0 : 1;

async Task<(ConcurrentBag<double> Latencies, ConcurrentBag<string> Numbers, ConcurrentBag<string> Failures, TimeSpan Elapsed)> RunAsync(TimeSpan duration, bool record)
{
    var latencies = new ConcurrentBag<double>();
    var perStep = IntakeScript.Turns.Select(_ => new ConcurrentBag<double>()).ToArray();
    var allocatedPerStep = new long[IntakeScript.Turns.Count];
    var numbers = new ConcurrentBag<string>();
    var failures = new ConcurrentBag<string>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, conversations).Select(async _ =>
    {
        while (clock.Elapsed < duration)
        {
            var customer = $"load-{Guid.NewGuid():N}";
            var sequence = 0;
            JsonElement? click = null;
            foreach (var (text, expect) in IntakeScript.Turns)
            {
                if (clock.Elapsed >= duration)
                {
                    return;
                }

                var activity = IntakeScript.Turn(customer, $"{customer}-{++sequence}", text, click);
                var started = Stopwatch.GetTimestamp();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                using var response = await http.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
                var replies = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))?.Activities ?? [] : [];
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Add(ref allocatedPerStep[sequence - 1], GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore);
                if (record)
                {
                    latencies.Add(elapsed);
                    perStep[sequence - 1].Add(elapsed);
                }

                var messages = replies.Where(reply => reply.Type == ActivityTypes.Message).ToList();
                if (!IntakeScript.Matches(messages, expect))
                {
                    failures.Add($"{customer} turn {sequence}: expected '{expect}', got {(int)response.StatusCode} '{(messages.Count > 0 ? messages[^1].Text : "")}'");
                    break;
                }

                click = IntakeScript.SubmitData(messages) ?? click;
                if (text is null && record && Regex.Match(messages[^1].Text!, @"Ticket (\S+) is filed") is { Success: true } filed)
                {
                    numbers.Add(filed.Groups[1].Value);
                }
            }
        }
    }));
    if (record)
    {
        // Which turn of the script the tail comes from.
        for (var step = 0; step < perStep.Length; step++)
        {
            var sorted = perStep[step].Order().ToList();
            if (sorted.Count > 0)
            {
                // With one conversation the allocation is the turn's own (server and this client); with more it overlaps others'.
                Console.WriteLine($"  turn {step + 1,2} ({IntakeScript.Turns[step].Text ?? "Submit",-18}) p50 {sorted[sorted.Count / 2],7:F2}  p99 {sorted[(int)(sorted.Count * 0.99)],7:F2} ms, allocated {allocatedPerStep[step] / sorted.Count / 1024.0,8:F0} KB a turn");
            }
        }
    }

    return (latencies, numbers, failures, clock.Elapsed);
}

// The managed share of the working set: what the GC holds (heap after the last collection, and committed).
static string Managed()
{
    var info = GC.GetGCMemoryInfo();
    return string.Create(CultureInfo.InvariantCulture, $"managed heap {info.HeapSizeBytes / 1048576.0:F0} MB, GC committed {info.TotalCommittedBytes / 1048576.0:F0} MB");
}

static async Task SampleWorkingSetAsync(CancellationToken stop)
{
    var clock = Stopwatch.StartNew();
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
    try
    {
        while (await timer.WaitForNextTickAsync(stop))
        {
            Console.WriteLine($"  rss at {clock.Elapsed.TotalSeconds,4:F0} s: {Environment.WorkingSet / 1048576.0:F0} MB ({Managed()})");
        }
    }
    catch (OperationCanceledException)
    {
        // The run is over.
    }
}
