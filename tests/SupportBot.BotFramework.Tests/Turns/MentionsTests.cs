using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Tests.Turns;

public sealed class MentionsTests
{
    private static readonly ChannelAccount Bot = new() { Id = "28:app", Name = "Support Bot" };

    [Theory]
    [InlineData("<at>Support Bot</at> reset my password", "reset my password")]
    [InlineData("please <AT>Support Bot</AT> help", "please help")]
    [InlineData("<at>Support Bot</at>", "")]
    public void RemoveRecipientMention_BotMentioned_LeavesWhatThePersonWrote(string text, string expected)
    {
        var activity = new Activity
        {
            Text = text,
            Recipient = Bot,
            Entities = [new Entity { Type = "mention", Mentioned = Bot, Text = "<at>Support Bot</at>" }],
        };

        Assert.Equal(expected, Mentions.RemoveRecipientMention(activity).Text);
    }

    [Fact]
    public void RemoveRecipientMention_SomeoneElseMentioned_KeepsThatMention()
    {
        var colleague = new ChannelAccount { Id = "29:lee", Name = "Lee" };
        var activity = new Activity
        {
            Text = "<at>Support Bot</at> ask <at>Lee</at>",
            Recipient = Bot,
            Entities =
            [
                new Entity { Type = "mention", Mentioned = Bot, Text = "<at>Support Bot</at>" },
                new Entity { Type = "mention", Mentioned = colleague, Text = "<at>Lee</at>" },
            ],
        };

        Assert.Equal("ask <at>Lee</at>", Mentions.RemoveRecipientMention(activity).Text);
    }
}
