using System.Diagnostics;
using System.Globalization;
using Activity = SupportBot.BotFramework.Schema.Activity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SupportBot.BotFramework.Schema;
using SupportBot.HostileLoadTest;
using SupportBot.Hosting;

// Usage: SupportBot.HostileLoadTest [repeats=15] [hammerSeconds=10]
// The whole app in process on 127.0.0.1 (rate limits raised so the bench measures the work, not the refusals):
// 1. POST /api/descriptions/analyze with each adversarial 4,000-character text, `repeats` times each;
// 2. one chat turn (a web customer's first message, expectReplies) with each text, `repeats` times each;
// 3. GET /healthz latency while 8 clients post adversarial texts to analyze back to back.
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var hammerSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

var databasePath = Path.Combine(Path.GetTempPath(), $"supportbot-hostile-{Guid.NewGuid():N}.db");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Configuration["Storage:DatabasePath"] = databasePath;
builder.Configuration["RateLimits:AnalyzePerMinutePerClient"] = "100000000";
builder.Services.AddSupportBot(builder.Configuration);
var app = builder.Build();
app.MapSupportBot();
await app.StartAsync();
var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = new Uri(baseUrl) };
Console.WriteLine($"SupportBot hostile-input bench: {AdversarialTexts.All.Count} adversarial texts of {AdversarialTexts.Length} characters, {repeats} runs each ({baseUrl})");

var inputs = AdversarialTexts.All.Prepend(("ordinary description", AdversarialTexts.Ordinary)).ToArray();
var failures = 0;
var conversation = 0;
var sent = 0;

// Every request's text differs in its last eight characters: the engine keeps its last analysis, and a bench of one
// text repeated would measure that instead of the reading.
string Vary(string text) => text[..^8] + Interlocked.Increment(ref sent).ToString("D8", CultureInfo.InvariantCulture);

await MeasureAsync("analyze", text => http.PostAsJsonAsync("/api/descriptions/analyze", new { text = Vary(text), locale = "en-US" }));
await MeasureAsync("chat turn", text => http.PostAsJsonAsync("/api/messages", Turn(Vary(text)), BotJson.Options));
await HammerAsync();

await app.StopAsync();
await app.DisposeAsync();
File.Delete(databasePath);
File.Delete(Path.ChangeExtension(databasePath, null) + "-log.db");
return failures == 0 ? 0 : 1;

async Task MeasureAsync(string what, Func<string, Task<HttpResponseMessage>> send)
{
    Console.WriteLine();
    Console.WriteLine($"{what}: ms per request, p50 / max of {repeats}");
    double ordinary = 0, worst = 0;
    var worstName = "";
    foreach (var (name, text) in inputs)
    {
        // Two untimed runs first: the JIT and the caches, not the text, would otherwise be measured.
        for (var i = 0; i < 2; i++)
        {
            (await send(text)).Dispose();
        }

        var times = new List<double>(repeats);
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send(text);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if ((int)response.StatusCode >= 400)
            {
                failures++;
                Console.WriteLine($"  {name}: HTTP {(int)response.StatusCode}");
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        ordinary = name == "ordinary description" ? median : ordinary;
        (worst, worstName) = name != "ordinary description" && median > worst ? (median, name) : (worst, worstName);
        Console.WriteLine($"  {name,-22} {median,7:F2} / {times[^1],7:F2}");
    }

    Console.WriteLine($"  worst adversarial p50 {worst:F2} ms ({worstName}) = {worst / ordinary:F2}x the ordinary description's {ordinary:F2} ms");
}

object Turn(string text) => new Activity
{
    Type = ActivityTypes.Message,
    Id = $"bench-{conversation}",
    ChannelId = Channels.WebChat,
    ServiceUrl = "http://127.0.0.1:9/",
    DeliveryMode = DeliveryModes.ExpectReplies,
    From = new ChannelAccount { Id = $"bench-visitor-{++conversation}", Name = "Bench" },
    Recipient = new ChannelAccount { Id = "supportbot", Name = "SupportBot" },
    Conversation = new ConversationAccount { Id = $"bench-conversation-{conversation}", ConversationType = "personal" },
    Text = text,
    Locale = "en-US",
};

async Task HammerAsync()
{
    var until = Stopwatch.StartNew();
    var duration = TimeSpan.FromSeconds(hammerSeconds);
    var analyzed = 0;
    var hammers = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
    {
        using var own = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var i = client; until.Elapsed < duration; i++)
        {
            using var response = await own.PostAsJsonAsync("/api/descriptions/analyze", new { text = Vary(AdversarialTexts.All[i % AdversarialTexts.All.Count].Text), locale = "en-US" });
            Interlocked.Increment(ref analyzed);
        }
    })).ToArray();

    var health = new List<double>();
    while (until.Elapsed < duration)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync("/healthz");
        health.Add(clock.Elapsed.TotalMilliseconds);
        await Task.Delay(20);
    }

    await Task.WhenAll(hammers);
    health.Sort();
    double Percentile(double p) => health[Math.Min(health.Count - 1, (int)Math.Ceiling(p * health.Count) - 1)];
    Console.WriteLine();
    Console.WriteLine($"/healthz while 8 clients hammer analyze for {hammerSeconds} s ({analyzed:N0} analyze requests, {analyzed / duration.TotalSeconds:N0}/s):");
    Console.WriteLine($"  {health.Count} probes, ms: p50 {Percentile(0.5):F2}  p90 {Percentile(0.9):F2}  p99 {Percentile(0.99):F2}  max {health[^1]:F2}");
}
