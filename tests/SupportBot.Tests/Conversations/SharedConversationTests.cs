using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// In a Teams channel or group chat everybody reads SupportBot's answers and anybody may write next, so it takes
/// reports and shows tickets only in a personal chat, says so when asked, and does not greet every newcomer.
/// </summary>
public sealed class SharedConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("help")]
    [InlineData("report a problem")]
    [InlineData("the VPN drops every ten minutes")]
    public async Task Anything_said_to_the_bot_in_a_channel_is_answered_with_the_way_to_the_personal_chat(string text)
    {
        var channel = ScriptedReporter.InTeamsChannel(_app);

        await channel.SendAsync(activity => Mentioning(activity, text));

        var reply = Assert.Single(channel.Replies);
        Assert.StartsWith("I take problem reports and answer questions about tickets only in a personal chat", reply.Text, StringComparison.Ordinal);
        Assert.Null(channel.LastCard());
    }

    [Fact]
    public async Task A_ticket_asked_for_in_a_channel_is_not_shown_there_even_to_its_reporter()
    {
        var reporter = ScriptedReporter.Employee(_app, locale: "en-US");
        await reporter.SayAsync("my tickets"); // a personal chat works as always
        Assert.DoesNotContain("personal chat", reporter.Last, StringComparison.Ordinal);
        var channel = ScriptedReporter.InTeamsChannel(_app, locale: "zh-CN");

        await channel.SendAsync(activity => Mentioning(activity, "查询 TS-20261123-001"));

        Assert.StartsWith("为了让您的信息和工单只在您与服务台之间可见", channel.Last, StringComparison.Ordinal);
        Assert.DoesNotContain("TS-20261123-001", channel.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_introduces_itself_once_when_added_and_not_whenever_someone_joins_the_team()
    {
        var channel = ScriptedReporter.InTeamsChannel(_app);

        await channel.SendAsync(activity => activity with { Type = ActivityTypes.ConversationUpdate, MembersAdded = [activity.Recipient!] });
        var intro = channel.Texts;
        await channel.SendAsync(activity => activity with { Type = ActivityTypes.ConversationUpdate, MembersAdded = [new ChannelAccount { Id = "29:newcomer", Name = "New colleague" }] });

        Assert.StartsWith("Hello, I'm SupportBot, the IT service desk's assistant.", Assert.Single(intro), StringComparison.Ordinal);
        Assert.Empty(channel.Replies);
    }

    // Teams sends "<at>SupportBot</at> …" with a mention entity naming the bot; the bot reads only what follows.
    private static Activity Mentioning(Activity activity, string text) => activity with
    {
        Text = $"<at>SupportBot</at> {text}",
        Entities = [new Entity { Type = "mention", Mentioned = activity.Recipient, Text = "<at>SupportBot</at>" }],
    };
}
