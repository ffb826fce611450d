using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Storage.Postgres;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// Two SupportBot instances on one PostgreSQL database with one signing key, as behind a load balancer that sends a
/// visitor's requests wherever it likes. Must hold: a WebSocket held by one instance gets what the other appended, a
/// token and a stream ticket from one work on the other (a ticket still only once), numbers never collide when both
/// append at once, a file uploaded through one downloads through the other, and a second WebSocket for a conversation
/// closes the first with <c>collision</c> wherever each is held, as it does on one instance.
/// </summary>
public sealed class DirectLineClusterTests : IAsyncLifetime
{
    private readonly string _connectionString = PgTestCluster.Instance.CreateDatabase();
    private SupportBotApplication _a = null!;
    private SupportBotApplication _b = null!;

    public async Task InitializeAsync()
    {
        _a = App();
        _b = App();

        // Both instances up and listening before anyone counts on hearing the other.
        await Task.WhenAll(ListeningAsync(_a), ListeningAsync(_b));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_message_posted_through_B_and_the_bots_reply_reach_the_socket_held_by_A()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        await visitor.PollAsync();
        using var socket = await ConnectAsync(_a, await StreamUrlAsync(visitor, visitor.Watermark));

        var (posted, _) = await WebChatVisitor.Resume(_b, visitor).SayAsync("Outlook cannot send mail");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var live = new List<JsonElement>();
        while (!live.Any(a => Role(a) == "bot"))
        {
            live.AddRange((await DirectLineStreamTests.ReceiveAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        Assert.Equal("Outlook cannot send mail", live[0].GetProperty("text").GetString());
        Assert.Equal("user", Role(live[0]));
    }

    [Fact]
    public async Task After_the_listening_connection_is_killed_it_listens_again_and_the_socket_on_A_still_hears_B()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        await visitor.PollAsync();
        using var socket = await ConnectAsync(_a, await StreamUrlAsync(visitor, visitor.Watermark));
        var listener = _a.Services.GetRequiredService<PgTranscriptListener>();
        var again = listener.ListeningAgain;

        // What a server restart or a proxy's idle cut does to the connection: the server ends it under the listener.
        await using (var admin = Npgsql.NpgsqlDataSource.Create(_connectionString))
        await using (var kill = admin.CreateCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"))
        {
            await kill.ExecuteNonQueryAsync();
        }

        await again.WaitAsync(TimeSpan.FromSeconds(30));
        await WebChatVisitor.Resume(_b, visitor).SayAsync("the printer is offline");

        var live = new List<JsonElement>();
        while (!live.Any(a => Role(a) == "bot"))
        {
            live.AddRange((await DirectLineStreamTests.ReceiveAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        Assert.Equal("the printer is offline", live[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_token_from_A_is_accepted_by_B_and_a_stream_ticket_from_A_opens_one_socket_on_B()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        var onB = WebChatVisitor.Resume(_b, visitor);
        var greeting = await onB.PollAsync(from: "");
        var streamUrl = await StreamUrlAsync(visitor, watermark: null);

        using var socket = await ConnectAsync(_b, streamUrl);
        var replay = (await DirectLineStreamTests.ReceiveAsync(socket)).GetProperty("activities").EnumerateArray().ToList();

        Assert.NotEmpty(greeting);
        Assert.Equal(greeting.Select(a => a.Id), replay.Select(a => a.GetProperty("id").GetString()));
        var reused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(_a, streamUrl));
        Assert.Contains("401", reused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_socket_opened_on_B_closes_the_first_on_A_with_collision_and_gets_the_replies()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        await visitor.PollAsync();
        using var first = await ConnectAsync(_a, await StreamUrlAsync(visitor, visitor.Watermark));
        var onB = WebChatVisitor.Resume(_b, visitor);
        using var second = await ConnectAsync(_b, await StreamUrlAsync(onB, visitor.Watermark));

        // Keep-alives (empty frames) may come first; the close is what counts, within a generous bound.
        var buffer = new byte[4096];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        WebSocketReceiveResult frame;
        do
        {
            frame = await first.ReceiveAsync(buffer, bound.Token);
        }
        while (frame.MessageType != WebSocketMessageType.Close);

        Assert.Equal("collision", first.CloseStatusDescription);
        await visitor.SayAsync("Outlook cannot send mail");
        var live = new List<JsonElement>();
        while (!live.Any(a => Role(a) == "bot"))
        {
            live.AddRange((await DirectLineStreamTests.ReceiveAsync(second)).GetProperty("activities").EnumerateArray());
        }

        Assert.Equal("Outlook cannot send mail", live[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Both_instances_appending_at_once_number_every_activity_once_without_gaps()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        var started = (await visitor.PollAsync(from: "")).Count;
        var appends = new[] { _a, _b }.SelectMany(app => Enumerable.Range(1, 25).Select(i => (App: app, Text: $"{(app == _a ? "a" : "b")}{i}"))).ToList();

        var stamped = await Task.WhenAll(appends.Select(append => Task.Run(async () =>
        {
            var conversations = append.App.Services.GetRequiredService<DirectLineConversations>();
            var conversation = (await conversations.FindAsync(visitor.ConversationId, CancellationToken.None))!;
            return await conversations.AppendAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = append.Text }, CancellationToken.None);
        })));

        var transcript = await WebChatVisitor.Resume(_b, visitor).PollAsync(from: "");
        var numbers = transcript.Select(a => int.Parse(a.Id!.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, started + appends.Count), numbers);
        Assert.Equal(appends.Select(a => a.Text).Order(), transcript.Skip(started).Select(a => a.Text!).Order());
        Assert.Equal(stamped.Select(a => a.Id).Order(), transcript.Skip(started).Select(a => a.Id).Order());
    }

    [Fact]
    public async Task A_file_uploaded_through_A_downloads_through_B()
    {
        var visitor = await WebChatVisitor.StartAsync(_a);
        await visitor.PollAsync();

        var uploaded = await visitor.UploadAsync(null, ("error.txt", "text/plain", "E005 at login"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var echo = (await WebChatVisitor.Resume(_b, visitor).PollAsync(visitor.Watermark))[0];
        var link = new Uri(Assert.Single(echo.Attachments!).ContentUrl!).PathAndQuery;
        Assert.Equal("E005 at login", await _b.CreateClient().GetStringAsync(new Uri(link, UriKind.Relative)));
    }

    [Fact]
    public async Task An_instance_on_PostgreSql_without_a_shared_signing_key_refuses_to_start_in_one_line()
    {
        using var database = new TempDatabase();
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(
            database.Path, "--Storage:Provider=PostgreSql", $"--ConnectionStrings:SupportBot={_connectionString}", "--DirectLine:SigningKey=");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("DirectLine:SigningKey", StringComparison.Ordinal));
        Assert.Contains("DirectLine:SigningKey must be set with Storage:Provider PostgreSql", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private SupportBotApplication App() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:SupportBot"] = _connectionString,
    });

    private static Task ListeningAsync(SupportBotApplication app)
    {
        _ = app.CreateClient();
        return app.Services.GetRequiredService<PgTranscriptListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static string? Role(JsonElement activity) =>
        activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) ? role.GetString() : null;

    /// <summary>A fresh stream URL (with its one-use ticket) from the instance the visitor's client talks to.</summary>
    private static async Task<Uri> StreamUrlAsync(WebChatVisitor visitor, string? watermark)
    {
        using var reconnect = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}?watermark={watermark}", null);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        return new Uri((await reconnect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!);
    }

    private static Task<WebSocket> ConnectAsync(SupportBotApplication app, Uri streamUrl) =>
        app.Server.CreateWebSocketClient().ConnectAsync(streamUrl, CancellationToken.None);
}
