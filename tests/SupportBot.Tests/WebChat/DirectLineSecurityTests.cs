using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportBot.Tests.WebChat;

/// <summary>Who may do what: tokens bind one visitor to one conversation; the secret stays on servers; origins are checked.</summary>
public sealed class DirectLineSecurityTests : IAsyncLifetime
{
    private const string Secret = "test-direct-line-secret-0b9e";

    private readonly SupportBotApplication _app = new(new Dictionary<string, string?>
    {
        ["DirectLine:Secret"] = Secret,
        ["DirectLine:AllowedOrigins:0"] = "https://www.contoso.com",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_token_for_one_conversation_cannot_read_or_post_to_another()
    {
        var ann = await WebChatVisitor.StartAsync(_app, name: "Ann");
        var bob = await WebChatVisitor.StartAsync(_app, name: "Bob");
        await bob.SayAsync("my VPN password is on a sticky note");

        var read = await ann.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bob.ConversationId}/activities", null);
        var post = await ann.PostActivityAsync(new { type = "message", text = "hi" }, bob.ConversationId);
        var reconnect = await ann.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{bob.ConversationId}", null);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [read.StatusCode, post.StatusCode, reconnect.StatusCode]);
        Assert.DoesNotContain(await bob.PollAsync(from: ""), a => a.Text == "hi");
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401_and_a_refreshed_one_keeps_working()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        var refresh = await visitor.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        _app.Time.Advance(TimeSpan.FromMinutes(15));
        var expired = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities", null);
        var current = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities", null, refreshed);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("TokenExpired", await WebChatVisitor.ErrorCodeOf(expired));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused_with_401()
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        var parts = visitor.Token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        claims["user"] = JsonSerializer.SerializeToElement("dl_someone-else");
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}.{parts[2]}";

        var response = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities", null, forged);
        var none = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities", null, "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task The_page_token_endpoint_serves_only_this_sites_own_page_or_a_back_end_with_the_secret()
    {
        var client = _app.CreateClient();
        var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token") { Content = JsonContent.Create(new { }) };
        foreign.Headers.Add("Origin", "https://evil.example");
        var backEnd = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token") { Content = JsonContent.Create(new { user = new { id = "crm-42", name = "Ann Lee" } }) };
        backEnd.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);

        var refused = await client.SendAsync(foreign);
        var issued = await client.SendAsync(backEnd);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.Equal("crm-42", JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("user").GetString());
        Assert.DoesNotContain(Secret, await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generating_a_token_needs_the_secret_and_a_page_cannot_claim_a_reserved_user_id()
    {
        var client = _app.CreateClient();
        var withoutSecret = await client.PostAsync("/v3/directline/tokens/generate", null);
        var page = await client.SendAsync(WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", new { user = new { id = "dl_admin", name = "Eve" } }));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutSecret.StatusCode);
        var token = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.NotEqual("dl_admin", JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("user").GetString());
    }

    [Fact]
    public async Task Cross_origin_calls_are_allowed_only_from_configured_origins()
    {
        var client = _app.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://www.contoso.com"));
        var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://www.contoso.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        return request;
    }
}
