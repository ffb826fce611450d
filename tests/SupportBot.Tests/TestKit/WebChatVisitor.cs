using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A visitor's browser as DirectLineJS drives it, over real HTTP: a token from the page's endpoint, start, post
/// (stamped with a clientActivityID like Web Chat does), and poll with a watermark.
/// </summary>
internal sealed class WebChatVisitor
{
    private readonly HttpClient _client;
    private int _posted;

    private readonly string? _locale;

    private WebChatVisitor(HttpClient client, string token, string conversationId, string? locale)
    {
        _client = client;
        _locale = locale;
        Token = token;
        ConversationId = conversationId;
    }

    public string Token { get; private set; }

    public string ConversationId { get; }

    public string? Watermark { get; private set; }

    /// <summary>Gets a token as the built-in page does (same origin), then starts the conversation.</summary>
    public static async Task<WebChatVisitor> StartAsync(SupportBotApplication app, string? name = "Web visitor", string? locale = "en-US")
    {
        var client = app.CreateClient();
        return await StartWithAsync(client, await client.SendAsync(SameOrigin(HttpMethod.Post, "/api/webchat/token", new { user = new { name } })), locale);
    }

    /// <summary>
    /// A visitor the embedding site vouches for: the site's back end asks for the token with the Direct Line secret,
    /// naming its user; the widget then starts the conversation with that token.
    /// </summary>
    public static async Task<WebChatVisitor> StartVouchedAsync(SupportBotApplication app, string secret, string userId, string name, string? locale = "en-US")
    {
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token") { Content = JsonContent.Create(new { user = new { id = userId, name } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await StartWithAsync(client, await client.SendAsync(request), locale);
    }

    /// <summary>Starts with whatever token answer the page (or a back end) got.</summary>
    public static async Task<WebChatVisitor> StartWithAsync(HttpClient client, HttpResponseMessage token, string? locale)
    {
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return await StartWithAsync(client, await token.Content.ReadFromJsonAsync<JsonElement>(), locale);
    }

    /// <summary>
    /// Starts the conversation a token answer names, or (when the answer says it is <c>resumed</c>) reconnects to it
    /// as the widget does when it is given a conversation id.
    /// </summary>
    public static async Task<WebChatVisitor> StartWithAsync(HttpClient client, JsonElement issued, string? locale)
    {
        var visitor = new WebChatVisitor(client, issued.GetProperty("token").GetString()!, issued.GetProperty("conversationId").GetString()!, locale);
        if (issued.TryGetProperty("resumed", out var resumed) && resumed.GetBoolean())
        {
            var reconnected = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}", null);
            Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
            return visitor;
        }

        var started = await visitor.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { locale });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        visitor.Token = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return visitor;
    }

    /// <summary>Sends a message with files as Web Chat does: multipart, an <c>activity</c> part and one <c>file</c> part each.</summary>
    public Task<HttpResponseMessage> UploadAsync(string? text, params (string Name, string ContentType, byte[] Content)[] files)
    {
        var activity = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { type = "message", text, locale = _locale, channelData = new { clientActivityID = $"client-{++_posted}" } }));
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var form = new MultipartFormDataContent { { activity, "activity", "blob" } };
        foreach (var (name, contentType, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", name);
        }

        return SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload", form);
    }

    /// <summary>A widget that kept its conversation id and holds <paramref name="token"/> for it (one the app issued).</summary>
    public static WebChatVisitor Holding(SupportBotApplication app, string token, string conversationId, string? locale = "en-US") =>
        new(app.CreateClient(), token, conversationId, locale);

    /// <summary>The same visitor (token, conversation) talking to another instance of the app: the widget after a server restart.</summary>
    public static WebChatVisitor Resume(SupportBotApplication app, WebChatVisitor visitor) =>
        new(app.CreateClient(), visitor.Token, visitor.ConversationId, visitor._locale);

    public static HttpRequestMessage SameOrigin(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }

    /// <summary>Posts a message as Web Chat would; returns the response and the clientActivityID it carried.</summary>
    public async Task<(HttpResponseMessage Response, string ClientActivityId)> SayAsync(string text, string? claimedUserId = null)
    {
        var clientActivityId = $"client-{++_posted}";
        var response = await PostActivityAsync(new
        {
            type = "message",
            text,
            channelId = "webchat",
            from = new { id = claimedUserId ?? "r_visitor", role = "user" },
            locale = _locale,
            channelData = new { clientActivityID = clientActivityId },
        });
        return (response, clientActivityId);
    }

    public Task<HttpResponseMessage> PostActivityAsync(object activity, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", activity);

    public Task<HttpResponseMessage> PostRawAsync(string json, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Swaps the token for a fresh one, as the widget does every 15 minutes of a long conversation.</summary>
    public async Task RefreshTokenAsync()
    {
        var response = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Polls from the last watermark (or <paramref name="from"/>) and moves the watermark on.</summary>
    public async Task<IReadOnlyList<Activity>> PollAsync(string? from = null)
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={from ?? Watermark}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = await response.Content.ReadFromJsonAsync<JsonElement>();
        Watermark = set.GetProperty("watermark").GetString();
        return set.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? token = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body) },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return await _client.SendAsync(request);
    }

    public static async Task<string?> ErrorCodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();
}
