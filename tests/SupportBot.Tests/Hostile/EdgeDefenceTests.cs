using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Hostile;

/// <summary>Identities across channels, headers on what the server serves, connector retries and the log.</summary>
public sealed class EdgeDefenceTests : ChannelTest
{
    private const string Number = "TS-20261123-001";

    [Theory]
    [InlineData(Channels.WebChat, TicketStatus.Submitted)]
    [InlineData(Channels.Emulator, TicketStatus.Submitted)]
    [InlineData(Channels.MsTeams, TicketStatus.Cancelled)]
    public async Task AnAdministratorsObjectIdActsAsAdministratorOnlyFromTeams(string channel, TicketStatus after)
    {
        await using var office = await OpenAsync();
        await SupportBot.Tests.Engineering.TicketLifeTests.FileOaTicketAsync(office.Personal("aad-zhang-wei", "张伟", "zh-CN"));
        await office.DrainAsync();

        // A site's back end can name its visitor anything, an administrator's object id included.
        var press = new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"press-{channel}",
            ChannelId = channel,
            ServiceUrl = office.Channel.ServiceUrl,
            From = new ChannelAccount { Id = Admin, AadObjectId = Admin, Name = "IT Admin" },
            Recipient = new ChannelAccount { Id = "28:supportbot" },
            Conversation = new ConversationAccount { Id = $"{channel}-admin-claim", ConversationType = "personal" },
            Locale = "en-US",
            Value = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["ticket"] = Number, ["v"] = office.Ticket(Number).Version, ["op"] = "cancel", ["cancel.reason"] = "claimed admin" }),
        };
        using var response = await office.App.CreateClient().PostAsJsonAsync("/api/messages", press, BotJson.Options);
        await office.DrainAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(after, office.Ticket(Number).Status);
    }

    [Fact]
    public async Task AnUploadedFile_IsServedWithNosniffAndASandbox()
    {
        await using var app = new SupportBotApplication();
        var visitor = await WebChatVisitor.StartAsync(app);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("<html><script>alert(1)</script>"u8.ToArray()) { Headers = { ContentType = new("text/plain") } }, "file", "a.txt" } };
        await visitor.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/upload", form);
        var link = (await visitor.PollAsync(from: "")).SelectMany(a => a.Attachments ?? []).Single().ContentUrl!;

        using var file = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/privacy.html")]
    public async Task APage_MayBeFramedOnlyByThisSite(string path)
    {
        await using var app = new SupportBotApplication();

        using var page = await app.CreateClient().GetAsync(path);

        Assert.Contains("frame-ancestors 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task ZeroConnectorRetries_SendsEachReplyOnceInsteadOfFailing()
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?> { ["Bot:ConnectorRetries"] = "0" });
        Channel.NextStatuses.Enqueue(500);

        var response = await PostAsync(app, Message("hello"), token: null);

        // The welcome is answered 500 and not sent again; the turn fails, and the apology is the next (and last) send.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Channel.Messages.Count());
        Assert.StartsWith("Sorry, something went wrong", Channel.Messages.Last().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public async Task ConnectorRetriesOutOfRange_StopTheStartNamingTheKey(string retries)
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?> { ["Bot:ConnectorRetries"] = retries });

        var failure = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Bot:ConnectorRetries must be from 0", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnauthenticatedChannelIdAndTokenIssuer_AreLoggedWithoutTheirControlCharacters()
    {
        var lines = new ConcurrentQueue<string>();
        await using var app = new SupportBotApplication(TestChannelIssuer.Settings, services =>
        {
            services.UseTestIssuer(Issuer);
            services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(lines));
        });

        var response = await PostAsync(app, Message("hello") with { ChannelId = "msteams\r\n2026-11-23 ERROR forged\u001b[2J" }, token: Issuer.Token(Channel.ServiceUrl, issuer: "https://evil.example/\r\nforged\u001b[31m"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refused = Assert.Single(lines, line => line.Contains("Refused an activity", StringComparison.Ordinal));
        Assert.DoesNotContain(refused, c => c is '\r' or '\n' or '\u001b');
        Assert.Contains("msteams\\u000d\\u000a2026-11-23 ERROR forged\\u001b[2J", refused, StringComparison.Ordinal);
        Assert.Contains("https://evil.example/\\u000d\\u000aforged\\u001b[31m", refused, StringComparison.Ordinal);
    }

    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
