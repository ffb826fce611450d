using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.WebChat;

/// <summary>The visitor's side of Direct Line over real HTTP: echo, replies, identity, watermarks.</summary>
public sealed class DirectLineConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Starting_a_conversation_greets_the_visitor_in_the_transcript()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);

        var greeting = Assert.Single(await visitor.PollAsync());
        Assert.Equal("bot", greeting.From?.Role);
        Assert.Contains("SupportBot", greeting.Text, StringComparison.Ordinal);
        Assert.Equal($"{visitor.ConversationId}|0000001", greeting.Id);
        Assert.Equal("1", visitor.Watermark);
    }

    [Fact]
    public async Task A_posted_message_comes_back_with_a_server_id_and_its_client_activity_id_before_the_bots_answer()
    {
        var visitor = await WebChatVisitor.StartAsync(_app, locale: "zh-CN");
        await visitor.PollAsync();

        var (response, clientActivityId) = await visitor.SayAsync("VPN 连不上");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var activities = await visitor.PollAsync();
        var echo = activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal(clientActivityId, echo.ChannelData?.GetProperty("clientActivityID").GetString());
        Assert.Equal("user", echo.From?.Role);
        Assert.NotNull(echo.Timestamp);
        Assert.Contains("错误代码", activities[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sender_is_the_tokens_user_whatever_the_body_claims()
    {
        var visitor = await WebChatVisitor.StartAsync(_app, name: "Ann Lee");
        await visitor.SayAsync("hello", claimedUserId: "29:someone-else");

        var echo = (await visitor.PollAsync()).Single(a => a.From?.Role == "user");
        Assert.StartsWith("dl_", echo.From?.Id, StringComparison.Ordinal);
        Assert.Equal("Ann Lee", echo.From?.Name);
    }

    [Fact]
    public async Task Polling_from_a_watermark_returns_only_what_was_missed_in_order_without_duplicates()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.SayAsync("打印机卡纸了");
        var seen = await visitor.PollAsync();
        var watermark = visitor.Watermark;

        await visitor.SayAsync("没有");
        await visitor.SayAsync("刚才");
        var missed = await visitor.PollAsync(watermark);
        var again = await visitor.PollAsync(watermark);

        Assert.Equal(["没有", "刚才"], missed.Where(a => a.From?.Role == "user").Select(a => a.Text));
        Assert.Empty(missed.Select(a => a.Id).Intersect(seen.Select(a => a.Id)));
        Assert.Equal(missed.Select(a => a.Id).Order(StringComparer.Ordinal), missed.Select(a => a.Id));
        Assert.Equal(missed.Select(a => a.Id), again.Select(a => a.Id));
        Assert.Empty(await visitor.PollAsync());
    }

    [Fact]
    public async Task Reconnecting_gives_a_fresh_stream_url_that_replays_from_the_watermark()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.PollAsync();

        var response = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}?watermark=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(visitor.ConversationId, body.GetProperty("conversationId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        var streamUrl = new Uri(body.GetProperty("streamUrl").GetString()!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Contains("watermark=1", streamUrl.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Token, streamUrl.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_again_with_the_same_token_answers_200_with_the_same_conversation()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);

        var again = await visitor.SendAsync(HttpMethod.Post, "/v3/directline/conversations", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(visitor.ConversationId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
        Assert.Single(await visitor.PollAsync());
    }

    [Fact]
    public async Task A_whole_ticket_can_be_filed_through_Direct_Line_with_the_cards_submit_button()
    {
        var visitor = await WebChatVisitor.StartAsync(_app, name: "Ann Lee");
        foreach (var answer in new[] { "The printer on floor 3 is jammed", "no", "just now", "no", "only me", "Ann Lee, Contoso", "C-20931", "+86 21 5555 0100" })
        {
            await visitor.SayAsync(answer);
        }

        var card = (await visitor.PollAsync()).SelectMany(a => a.Attachments ?? []).Last(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!.Value;
        var submit = ScriptedReporter.SubmitActions(card).Single(data => data.GetProperty("intake").GetString() == "submit");
        var clicked = await visitor.PostActivityAsync(new { type = "message", channelId = "webchat", value = submit, channelData = new { clientActivityID = "click-1" } });

        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Contains((await visitor.PollAsync()).Select(a => a.Text ?? ""), text => text.StartsWith("Ticket TS-20261123-001", StringComparison.Ordinal));
    }
}
