using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportBot.Tests.WebChat;

/// <summary>Bad input gets a clear answer and changes nothing; limits answer 413, 415 or 429 with when to retry.</summary>
public sealed class DirectLineLimitsTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new(new Dictionary<string, string?>
    {
        ["DirectLine:MessagesPerMinutePerConversation"] = "3",
        ["DirectLine:ConversationsPerMinutePerClient"] = "2",
        ["DirectLine:MaxActivityBytes"] = "4096",
        ["DirectLine:MaxUploadBytes"] = "2048",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"conversationUpdate\",\"membersAdded\":[{\"id\":\"29:admin\"}]}")]
    [InlineData("[1,2,3]")]
    public async Task A_malformed_or_forbidden_activity_is_400_and_leaves_the_transcript_alone(string body)
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.PollAsync();

        var response = await visitor.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", await WebChatVisitor.ErrorCodeOf(response));
        Assert.Empty(await visitor.PollAsync());
    }

    [Fact]
    public async Task An_oversized_activity_is_413()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);

        var response = await visitor.PostActivityAsync(new { type = "message", text = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_unreadable_watermark_is_400()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);

        var response = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities?watermark=yesterday", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_file_reaches_the_transcript_with_a_link_that_serves_it()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.PollAsync();

        var response = await visitor.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/upload?userId=", Upload("error.txt", "text/plain", "E005 at login"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = (await visitor.PollAsync())[0];
        var attachment = Assert.Single(echo.Attachments!);
        Assert.Equal(("error.txt", "text/plain"), (attachment.Name, attachment.ContentType));
        Assert.Equal("E005 at login", await _app.CreateClient().GetStringAsync(new Uri(attachment.ContentUrl!).PathAndQuery));
    }

    [Fact]
    public async Task An_oversized_upload_is_413_and_a_refused_file_type_is_415()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.PollAsync();

        var large = await visitor.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/upload", Upload("dump.txt", "text/plain", new byte[4096]));
        var script = await visitor.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/upload", Upload("run.html", "text/html", "<script>"u8.ToArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, script.StatusCode);

        // Nothing of the visitor's reaches the transcript; the bot's two explanations do (UploadTypeTests reads them).
        Assert.Equal(["bot", "bot"], (await visitor.PollAsync()).Select(a => a.From?.Role));
    }

    [Fact]
    public async Task Too_many_messages_in_a_minute_are_429_with_retry_after_until_the_minute_is_over()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.SayAsync($"message {i}")).Response.StatusCode);
        }

        var (limited, _) = await visitor.SayAsync("one too many");
        _app.Time.Advance(TimeSpan.FromSeconds(61));
        var (later, _) = await visitor.SayAsync("after a minute");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.DoesNotContain(await visitor.PollAsync(from: ""), a => a.Text == "one too many");
    }

    [Fact]
    public async Task Too_many_new_conversations_from_one_address_are_429()
    {
        await WebChatVisitor.StartAsync(_app);
        await WebChatVisitor.StartAsync(_app);

        var client = _app.CreateClient();
        var token = await (await client.SendAsync(WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", null))).Content.ReadFromJsonAsync<JsonElement>();
        var third = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        third.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var response = await client.SendAsync(third);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    private static MultipartFormDataContent Upload(string name, string contentType, byte[] content)
    {
        var activity = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { type = "message", channelData = new { clientActivityID = "upload-1" } }));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { activity, "activity", "blob" }, { file, "file", name } };
    }
}
