using System.Net;
using System.Net.Http.Json;

namespace SupportBot.Tests.Hostile;

/// <summary>The anonymous endpoints that cost work are limited per client by the rate-limiting middleware.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Analyze_OverThePerClientLimit_Is429WithRetryAfterInSeconds()
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?> { ["RateLimits:AnalyzePerMinutePerClient"] = "2" });
        var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/descriptions/analyze", new { text = "OA login fails with E005", locale = "en-US" }));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.InRange(int.Parse(answers[2].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", answers[2].Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DirectLineStart_OverThePerClientLimit_Is429InDirectLinesErrorShape()
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?> { ["DirectLine:ConversationsPerMinutePerClient"] = "1" });
        await WebChatVisitor.StartAsync(app);

        var client = app.CreateClient();
        var token = await (await client.SendAsync(WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", null))).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        using var second = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        second.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        var response = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("TooManyRequests", await WebChatVisitor.ErrorCodeOf(response));
    }
}
