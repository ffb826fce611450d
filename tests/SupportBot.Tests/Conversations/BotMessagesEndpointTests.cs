using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.Tests.Conversations;

/// <summary>POST /api/messages over real HTTP, with channel tokens from a test issuer and a fake channel recording replies.</summary>
public sealed class BotMessagesEndpointTests : ChannelTest
{
    [Fact]
    public async Task Post_WithAValidChannelToken_Is200AndTheReplyReachesTheChannelWithTheBotToken()
    {
        await using var app = AuthenticatedApp();

        var response = await PostAsync(app, Message("hello"), Issuer.Token(Channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Channel.Messages);
        Assert.Equal("/v3/conversations/a:1xyz;messageid=9/activities/act-1", reply.Path);
        Assert.Equal("Bearer bot-token-1", reply.Authorization);
        Assert.StartsWith("Hello, I'm SupportBot", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("bad signature")]
    [InlineData("serviceUrl mismatch")]
    [InlineData("no token")]
    [InlineData("not a JWT")]
    public async Task Post_WithABadToken_Is401AndTheBotNeverRuns(string scenario)
    {
        await using var app = AuthenticatedApp();
        var url = Channel.ServiceUrl;
        var token = scenario switch
        {
            "expired" => Issuer.Token(url, expiresIn: TimeSpan.FromMinutes(-10)),
            "wrong audience" => Issuer.Token(url, audience: "someone-elses-bot"),
            "wrong issuer" => Issuer.Token(url, issuer: "https://sts.example.com/"),
            "bad signature" => Issuer.Token(url, signWithOtherKey: true),
            "serviceUrl mismatch" => Issuer.Token("https://smba.trafficmanager.net/evil/"),
            "not a JWT" => "not-a-token",
            _ => null,
        };

        var response = await PostAsync(app, Message("hello"), token);

        Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, scenario);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Channel.Calls);
    }

    [Theory]
    [InlineData(TestChannelIssuer.AppId, HttpStatusCode.OK)]
    [InlineData("another-bots-app-id", HttpStatusCode.Unauthorized)]
    public async Task Post_EmulatorToken_IsAcceptedOnlyWhenItNamesThisBotsAppId(string appIdInToken, HttpStatusCode expected)
    {
        await using var app = AuthenticatedApp();

        var response = await PostAsync(app, Message("hello") with { ChannelId = Channels.Emulator }, Issuer.EmulatorToken(appIdInToken));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_ForAChannelTheKeyIsNotEndorsedFor_Is401()
    {
        await using var app = AuthenticatedApp();

        var response = await PostAsync(app, Message("hello") with { ChannelId = "webchat" }, Issuer.Token(Channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_TokenJustPastExpiryWithinTheFiveMinuteSkew_IsAccepted()
    {
        await using var app = AuthenticatedApp();

        var response = await PostAsync(app, Message("hello"), Issuer.Token(Channel.ServiceUrl, expiresIn: TimeSpan.FromMinutes(-3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutTokenWhenNoAppIdIsConfigured_IsAcceptedAndRepliesCarryNoToken()
    {
        await using var app = new SupportBotApplication();

        var response = await PostAsync(app, Message("hello"), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", Assert.Single(Channel.Messages).Authorization);
    }

    [Theory]
    [InlineData("{ not json", "not a JSON activity")]
    [InlineData("""{"text":"no type"}""", "has no type")]
    [InlineData("[1,2,3]", "not a JSON activity")]
    public async Task Post_MalformedBody_Is400ProblemSayingWhy(string body, string reason)
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOver256KB_Is413()
    {
        await using var app = new SupportBotApplication();

        var response = await PostAsync(app, Message(new string('x', 300 * 1024)), token: null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Channel.Calls);
    }

    [Fact]
    public async Task Get_Is405()
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateClient().GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Post_UnhandledInvoke_Is501()
    {
        await using var app = new SupportBotApplication();

        var response = await PostAsync(app, Message(null) with { Type = ActivityTypes.Invoke, Name = "task/fetch" }, token: null);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_ExpectReplies_Returns200WithTheRepliesAndSendsNothing()
    {
        await using var app = new SupportBotApplication();

        var response = await PostAsync(app, Message("你好") with { Locale = null, DeliveryMode = DeliveryModes.ExpectReplies }, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options))!.Activities;
        Assert.StartsWith("您好,我是 SupportBot", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Empty(Channel.Calls);
    }

    [Fact]
    public async Task Post_BotThrows_UserGetsOneApologyAndTheEndpointKeepsAnswering()
    {
        var failNext = true;
        await using var app = new SupportBotApplication(services: services => services.Replace(ServiceDescriptor.Singleton<IBot>(new DelegateBot(async (turn, ct) =>
        {
            if (failNext)
            {
                failNext = false;
                throw new InvalidOperationException("the dialog state is broken");
            }

            await turn.SendActivityAsync("still here", ct);
        }))));

        var first = await PostAsync(app, Message("one"), token: null);
        var second = await PostAsync(app, Message("two") with { Id = "act-2" }, token: null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(["Sorry, something went wrong on my side. Please try again, or type \"help\".", "still here"], Channel.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Post_ChannelAnswers429Then500_TheReplyIsRetriedAndDeliveredOnce()
    {
        // No backoff between tries (the 429's Retry-After is 0 too), so no clock is moved by hand: the loop that moved it
        // a second every 10 ms took every other deadline on the app's clock (the tokens' lifetimes) with it at whatever
        // speed the machine allowed, and failed once on a loaded one.
        await using var app = AuthenticatedApp(new Dictionary<string, string?> { ["Bot:ConnectorRetryDelay"] = "00:00:00" });
        Channel.NextStatuses.Enqueue(429);
        Channel.NextStatuses.Enqueue(500);

        var response = await PostAsync(app, Message("hello"), Issuer.Token(Channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Channel.Messages.Count());
        Assert.Equal(1, Issuer.BotTokenRequests);
    }

    [Fact]
    public async Task Post_RedeliveredActivity_IsAnsweredOnce()
    {
        await using var app = new SupportBotApplication();
        var activity = Message("hello");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(app, activity, token: null)));

        Assert.Single(Channel.Messages);
    }

    private sealed class DelegateBot(BotCallbackHandler handler) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) => handler(turnContext, cancellationToken);
    }
}
