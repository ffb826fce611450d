using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Tests.WebChat;

/// <summary>The WebSocket stream, restarts and idle conversations: what a visitor who drops out and comes back sees.</summary>
public sealed class DirectLineStreamTests : IDisposable
{
    private static readonly Dictionary<string, string?> SharedKey = new()
    {
        ["DirectLine:SigningKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("a signing key shared across restarts!")),
    };

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_stream_replays_after_the_watermark_then_pushes_the_echo_and_the_reply_live()
    {
        await using var app = new SupportBotApplication();
        var visitor = await WebChatVisitor.StartAsync(app);
        await visitor.SayAsync("Outlook cannot send mail");
        var socket = await ConnectAsync(app, visitor, watermark: "2");

        var replay = await ReceiveAsync(socket);
        await visitor.SayAsync("none");
        var live = new List<JsonElement>();
        while (live.Count < 2)
        {
            live.AddRange((await ReceiveAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        Assert.Equal(["3"], replay.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()!.Split('|')[1].TrimStart('0')));
        Assert.Equal("none", live[0].GetProperty("text").GetString());
        Assert.Equal("bot", live[1].GetProperty("from").GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_second_stream_for_the_conversation_closes_the_first_with_collision()
    {
        await using var app = new SupportBotApplication();
        var visitor = await WebChatVisitor.StartAsync(app);
        var first = await ConnectAsync(app, visitor, watermark: "1");
        await ConnectAsync(app, visitor, watermark: "1");

        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await first.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Close, frame.MessageType);
        Assert.Equal("collision", first.CloseStatusDescription);
    }

    [Fact]
    public async Task After_a_restart_the_visitor_reconnects_with_the_watermark_and_carries_on()
    {
        var settings = new Dictionary<string, string?>(SharedKey) { ["Storage:DatabasePath"] = _database.Path };
        WebChatVisitor visitor;
        string? watermark;
        await using (var before = new SupportBotApplication(settings))
        {
            visitor = await WebChatVisitor.StartAsync(before, locale: "zh-CN");
            await visitor.SayAsync("打印机卡纸了");
            await visitor.PollAsync();
            watermark = visitor.Watermark;
        }

        await using var after = new SupportBotApplication(settings);
        var again = WebChatVisitor.Resume(after, visitor);
        var history = await again.PollAsync(from: "");
        await again.SayAsync("没有");
        var missed = await again.PollAsync(watermark);

        Assert.Contains(history, a => a.Text == "打印机卡纸了");
        Assert.Equal(history.Count, int.Parse(watermark!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("没有", missed[0].Text);
        Assert.Contains("第一次出现", missed[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_conversation_ends_and_its_token_finds_nothing()
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?>
        {
            ["DirectLine:ConversationIdleTimeout"] = "02:00:00",
            ["DirectLine:TokenLifetime"] = "04:00:00",

            // The test runs the cleanup itself: the background pass must not race it when the clock moves.
            ["DirectLine:CleanupInterval"] = "1.00:00:00",
        });
        var idle = await WebChatVisitor.StartAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(90));
        var active = await WebChatVisitor.StartAsync(app);
        app.Time.Advance(TimeSpan.FromMinutes(40));

        var ended = await app.Services.GetRequiredService<DirectLineCleanup>().CleanOnceAsync(CancellationToken.None);

        Assert.Equal(1, ended);
        var gone = await idle.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{idle.ConversationId}/activities", null);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotEmpty(await active.PollAsync());
    }

    private static async Task<WebSocket> ConnectAsync(SupportBotApplication app, WebChatVisitor visitor, string watermark)
    {
        var reconnect = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}?watermark={watermark}", null);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!;
        return await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
    }

    /// <summary>The next frame with content (keep-alives are empty), bounded so a lost frame fails the test rather than hanging it.</summary>
    internal static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, timeout.Token);
            if (frame.Count > 0)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, frame.Count)).RootElement.Clone();
            }
        }
    }
}
