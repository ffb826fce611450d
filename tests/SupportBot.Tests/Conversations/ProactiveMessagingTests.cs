using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.Tests.Conversations;

public sealed class ProactiveMessagingTests : ChannelTest
{
    [Fact]
    public async Task ContinueConversation_FromTheStoredReference_ReachesTheUserWithTheBotToken()
    {
        await using var app = AuthenticatedApp();
        await PostAsync(app, Message("hi", conversationId: "a:1xyz"), Issuer.Token(Channel.ServiceUrl));

        var reference = await app.Services.GetRequiredService<IConversationReferenceStore>().FindPersonalAsync("msteams", "29:user");
        await app.Services.GetRequiredService<CloudAdapter>().ContinueConversationAsync(
            reference!, (turn, ct) => turn.SendActivityAsync("Reminder: TS-20261123-001 is waiting for your answer.", ct), default);

        var reminder = Channel.Messages.Last();
        Assert.Equal(("Reminder: TS-20261123-001 is waiting for your answer.", "/v3/conversations/a:1xyz/activities"), (reminder.Text, reminder.Path));
        Assert.StartsWith("Bearer bot-token-", reminder.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_ToAServiceUrlNoValidatedRequestNamed_RefusesToSendTheToken()
    {
        await using var app = AuthenticatedApp();
        var connector = app.Services.GetRequiredService<ConnectorClient>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connector.SendToConversationAsync("https://attacker.example/", "a:1", new Activity { Type = ActivityTypes.Message, Text = "x" }, default));

        Assert.Contains("untrusted", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Channel.Calls);
    }
}
