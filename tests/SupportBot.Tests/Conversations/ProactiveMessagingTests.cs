using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.Tests.Conversations;

public sealed class ProactiveMessagingTests : IAsyncLifetime, IDisposable
{
    private readonly TestChannelIssuer _issuer = new();
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    public void Dispose() => _issuer.Dispose();

    [Fact]
    public async Task ContinueConversation_FromTheStoredReference_ReachesTheUserWithTheBotToken()
    {
        await using var app = new SupportBotApplication(TestChannelIssuer.Settings, services => services.UseTestIssuer(_issuer));
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(Message(), options: BotJson.Options) };
        request.Headers.Authorization = new("Bearer", _issuer.Token(_channel.ServiceUrl));
        await client.SendAsync(request);

        var reference = await app.Services.GetRequiredService<IConversationReferenceStore>().FindPersonalAsync("msteams", "29:user");
        await app.Services.GetRequiredService<CloudAdapter>().ContinueConversationAsync(
            reference!, (turn, ct) => turn.SendActivityAsync("Reminder: TS-20261123-001 is waiting for your answer.", ct), default);

        var reminder = _channel.Messages.Last();
        Assert.Equal(("Reminder: TS-20261123-001 is waiting for your answer.", "/v3/conversations/a:1xyz/activities"), (reminder.Text, reminder.Path));
        Assert.StartsWith("Bearer bot-token-", reminder.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_ToAServiceUrlNoValidatedRequestNamed_RefusesToSendTheToken()
    {
        await using var app = new SupportBotApplication(TestChannelIssuer.Settings, services => services.UseTestIssuer(_issuer));
        var connector = app.Services.GetRequiredService<ConnectorClient>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connector.SendToConversationAsync("https://attacker.example/", "a:1", new Activity { Type = ActivityTypes.Message, Text = "x" }, default));

        Assert.Contains("untrusted", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_channel.Calls);
    }

    private Activity Message() => new()
    {
        Type = ActivityTypes.Message,
        Id = "act-1",
        ChannelId = Channels.MsTeams,
        ServiceUrl = _channel.ServiceUrl,
        From = new ChannelAccount { Id = "29:user", Name = "Zhang Wei" },
        Recipient = new ChannelAccount { Id = $"28:{TestChannelIssuer.AppId}" },
        Conversation = new ConversationAccount { Id = "a:1xyz", ConversationType = "personal", TenantId = "tenant-1" },
        Text = "hi",
        Locale = "en-US",
    };
}
