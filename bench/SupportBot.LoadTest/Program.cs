using System.Diagnostics;
using System.Globalization;
using Activity = SupportBot.BotFramework.Schema.Activity;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;
using LiteDB;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;
using SupportBot.LoadTest;
using SupportBot.Storage;

// Usage: SupportBot.LoadTest [conversations=50] [seconds=20] [warmup=5] [rate=0]
// rate 0: every conversation sends its next message as soon as the last reply arrives (the saturation point).
// rate R: the conversations together offer R turns/s on a fixed schedule; latency counts from the scheduled
// send time, so a stalled server cannot hide its delay by slowing the senders down.
var conversations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var warmupSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var rate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;

var databasePath = Path.Combine(Path.GetTempPath(), $"supportbot-load-{Guid.NewGuid():N}.db");
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
// LOADTEST_STORAGE: durable (default: the app's storage, one LiteDB transaction per turn, group-committed), or
// memory (the pipeline without storage, for comparison).
var storage = Environment.GetEnvironmentVariable("LOADTEST_STORAGE")?.ToLowerInvariant() ?? "durable";
builder.Configuration["Storage:DatabasePath"] = databasePath;
if (storage == "memory")
{
    builder.Services.AddSingleton<IStorage, MemoryStorage>();
}
else
{
    builder.Services.AddSingleton<SupportBot.Localization.Localizer>();
    builder.Services.AddLiteDbStorage();
}

builder.Services.AddSingleton<ConversationState>();
builder.Services.AddSingleton<IMiddleware>(provider => new AutoSaveStateMiddleware(provider.GetRequiredService<ConversationState>()));
builder.Services.AddSingleton<IBot, EchoBot>();
builder.Services.AddBotFramework();
var app = builder.Build();
app.MapBotMessages();
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations * 2 }) { BaseAddress = new Uri(baseUrl) };
var memoryBefore = Environment.WorkingSet;

Console.WriteLine($"SupportBot load test: {conversations} conversations, {(rate > 0 ? $"offered {rate:N0} turns/s" : "closed loop")}, echo dialog, state: {storage}, expectReplies over HTTP ({baseUrl})");
await RunAsync(TimeSpan.FromSeconds(warmupSeconds), record: false);
var (latencies, failures, elapsed) = await RunAsync(TimeSpan.FromSeconds(seconds), record: true);

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
using var process = Process.GetCurrentProcess();
Console.WriteLine($"turns:        {latencies.Count:N0} in {elapsed.TotalSeconds:F1} s, failed: {failures}");
Console.WriteLine($"turns/s:      {latencies.Count / elapsed.TotalSeconds:N0}");
Console.WriteLine($"latency ms:   p50 {Percentile(0.50):F2}  p90 {Percentile(0.90):F2}  p99 {Percentile(0.99):F2}  max {latencies[^1]:F2}");
Console.WriteLine($"memory MB:    peak working set {process.PeakWorkingSet64 / 1048576.0:F0} (before load {memoryBefore / 1048576.0:F0})");

await app.StopAsync();
File.Delete(databasePath);
File.Delete(Path.ChangeExtension(databasePath, null) + "-log.db");
return failures == 0 ? 0 : 1;

async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> RunAsync(TimeSpan duration, bool record)
{
    var all = new List<double>[conversations];
    var failed = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
    {
        var mine = all[c] = new List<double>(100_000);
        var conversation = $"load-{Guid.NewGuid():N}";
        var interval = rate > 0 ? TimeSpan.FromSeconds((double)conversations / rate) : TimeSpan.Zero;

        // Spread the conversations' schedules over one interval so they do not all fire at once.
        var nextSend = clock.Elapsed + interval * c / conversations;
        for (var turn = 0; clock.Elapsed < duration; turn++)
        {
            if (rate > 0)
            {
                var wait = nextSend - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var scheduled = rate > 0 ? nextSend : clock.Elapsed;
            nextSend += interval;
            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                Id = $"{conversation}-{turn}",
                ChannelId = "loadtest",
                ServiceUrl = "http://127.0.0.1/",
                DeliveryMode = DeliveryModes.ExpectReplies,
                From = new ChannelAccount { Id = $"user-{c}" },
                Recipient = new ChannelAccount { Id = "bot" },
                Conversation = new ConversationAccount { Id = conversation },
                Text = $"message {turn}",
            };
            using var response = await http.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
            var replies = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options) : null;
            var ok = replies is { Activities.Count: 1 } && (turn == 0 || replies.Activities[0].Text == $"echo {turn}: message {turn}");
            if (record)
            {
                mine.Add((clock.Elapsed - scheduled).TotalMilliseconds);
            }

            if (!ok)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    return ([.. all.SelectMany(l => l)], failed, clock.Elapsed);
}
