using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Tests.Hostile;

/// <summary>
/// The Direct Line endpoints a browser reaches anonymously (with a token the page hands out): hostile messages and
/// bodies are answered or refused, and the conversation's transcript stays readable afterwards.
/// </summary>
public sealed class DirectLineHostileTests(HostileApp host) : IClassFixture<HostileApp>
{
    [Theory]
    [MemberData(nameof(HostileInputs.All), MemberType = typeof(HostileInputs))]
    public async Task AHostileMessage_IsTakenOrRefusedAndTheTranscriptStaysReadable(string input)
    {
        var visitor = await WebChatVisitor.StartAsync(host.App);
        var text = HostileInputs.Texts[input];

        using var response = await visitor.PostRawAsync($"{{\"type\":\"message\",\"text\":{HostileInputs.JsonString(text)},\"from\":{{\"id\":\"x\"}}}}");

        var expected = input.StartsWith("lone", StringComparison.Ordinal) ? HttpStatusCode.BadRequest
            : Encoding.UTF8.GetByteCount(text) > 60 * 1024 ? HttpStatusCode.RequestEntityTooLarge
            : HttpStatusCode.OK;
        Assert.Equal(expected, response.StatusCode);
        var transcript = await visitor.PollAsync(from: "");
        Assert.DoesNotContain(transcript, activity => activity.Text?.StartsWith(HostileActivities.Apology, StringComparison.Ordinal) == true);
        Assert.Equal(expected == HttpStatusCode.OK, transcript.Any(activity => activity.From?.Role == "user" && activity.Text == text));
    }

    public static TheoryData<string> Bodies() =>
    [
        "", "{", "[]", "null", "{\"type\":5}", "{\"type\":\"message\",\"text\":5}", "{\"type\":\"message\",\"from\":\"me\"}",
        "{\"type\":\"message\",\"attachments\":{}}", "{\"type\":\"conversationUpdate\"}",
        "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\"}", "{\"type\":\"message\",\"value\":" + HostileInputs.Nested(62) + "}",
        "{\"type\":\"message\",\"value\":{\"a\":" + HostileInputs.Nested(40) + "}}", "{\"type\":\"message\",\"value\":" + HostileInputs.Nested(5000) + "}",
        "{\"type\":\"message\",\"text\":\"\\udfff\"}",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ABodyThatIsNotAClientActivity_Is400AndTheConversationStaysReadable(string body)
    {
        var visitor = await WebChatVisitor.StartAsync(host.App);
        await visitor.SayAsync("hello");

        using var response = await visitor.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", await WebChatVisitor.ErrorCodeOf(response));
        Assert.Contains(await visitor.PollAsync(from: ""), activity => activity.Text == "hello");
    }

    [Fact]
    public async Task ATranscriptStoredBeforeTheDepthLimit_IsReadableAgain()
    {
        var visitor = await WebChatVisitor.StartAsync(host.App);
        var conversations = host.App.Services.GetRequiredService<SupportBot.BotFramework.DirectLine.DirectLineConversations>();
        var conversation = (await conversations.FindAsync(visitor.ConversationId, CancellationToken.None))!;
        var deep = HostileActivities.Parse("{\"a\":" + HostileInputs.Nested(62) + "}");
        await conversations.AppendAsync(conversation, new SupportBot.BotFramework.Schema.Activity { Type = "message", Text = "stored long ago", Value = deep }, CancellationToken.None);

        using var response = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("stored long ago", HostileActivities.Parse(await response.Content.ReadAsStringAsync()).GetProperty("activities").EnumerateArray().Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null));
    }

    [Fact]
    public async Task AChunkedUploadOverTheLimit_Is413AndLeavesNoFileBehind()
    {
        var visitor = await WebChatVisitor.StartAsync(host.App);
        var options = host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SupportBot.BotFramework.DirectLine.DirectLineOptions>>().Value;
        using var form = new MultipartFormDataContent();

        // Twice the configured limit, whatever it is: the upload must be cut off, never read to its end.
        var file = new StreamContent(new EndlessStream(limit: 2 * options.MaxUploadBytes));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "dump.txt");

        using var response = await visitor.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/upload", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var folder = Path.Combine(options.UploadDirectory, visitor.ConversationId);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [Fact]
    public async Task AStreamTicket_OpensOneSocketOnly()
    {
        var visitor = await WebChatVisitor.StartAsync(host.App);
        using var reconnect = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}", null);
        var streamUrl = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(reconnect.Content)).GetProperty("streamUrl").GetString()!;
        var client = host.App.Server.CreateWebSocketClient();

        using var first = await client.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var second = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => client.ConnectAsync(new Uri(streamUrl), CancellationToken.None));

        Assert.Contains("401", second.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, first.State);
    }

    /// <summary>A body of unknown length (sent chunked) that would go on far past any limit.</summary>
    private sealed class EndlessStream(long limit) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, limit - _position);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
