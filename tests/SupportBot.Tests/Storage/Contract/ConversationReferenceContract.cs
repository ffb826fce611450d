using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What reminders and filing for someone rely on, whichever engine keeps conversation references: a reference is found
/// by its conversation, a personal chat also by the user's channel id or AAD object id, a Teams user by a name only one
/// person has; a newer reference replaces the older; a failed turn's reference is not kept.
/// </summary>
public abstract class ConversationReferenceContract : StorageContract
{
    private IConversationReferenceStore Sut => Storage.References;

    [Fact]
    public async Task A_personal_chat_is_found_by_conversation_by_user_and_by_aad_id()
    {
        var chat = Personal("a:chat-1", "29:wang", "aad-wang", "Wang Fang");

        await Sut.SaveAsync(chat);

        Assert.Equal(chat, await Sut.FindAsync(Channels.MsTeams, "a:chat-1"));
        Assert.Equal("a:chat-1", (await Sut.FindPersonalAsync(Channels.MsTeams, "29:wang"))?.Conversation?.Id);
        Assert.Equal("a:chat-1", (await Sut.FindPersonalAsync(Channels.MsTeams, "aad-wang"))?.Conversation?.Id);
        Assert.Null(await Sut.FindPersonalAsync(Channels.WebChat, "29:wang"));
        Assert.Null(await Sut.FindAsync(Channels.MsTeams, "a:chat-404"));
    }

    [Fact]
    public async Task A_group_chat_is_no_ones_personal_chat_and_a_newer_reference_replaces_the_older()
    {
        await Sut.SaveAsync(Personal("19:group", "29:wang", "aad-wang", "Wang Fang") with { Conversation = new ConversationAccount { Id = "19:group", IsGroup = true } });
        Assert.Null(await Sut.FindPersonalAsync(Channels.MsTeams, "29:wang"));

        await Sut.SaveAsync(Personal("a:chat-1", "29:wang", "aad-wang", "Wang Fang"));
        await Sut.SaveAsync(Personal("a:chat-1", "29:wang", "aad-wang", "Wang Fang") with { ServiceUrl = "https://smba.example/apac/" });

        Assert.Equal("https://smba.example/apac/", (await Sut.FindAsync(Channels.MsTeams, "a:chat-1"))?.ServiceUrl);
    }

    [Fact]
    public async Task A_teams_user_is_found_by_a_name_only_they_have()
    {
        await Sut.SaveAsync(Personal("a:chat-1", "29:wang", "aad-wang", "Wang Fang"));
        await Sut.SaveAsync(Personal("a:chat-2", "29:li-1", "aad-li-1", "Li Na"));
        await Sut.SaveAsync(Personal("a:chat-3", "29:li-2", "aad-li-2", "Li Na"));

        Assert.Equal("aad-wang", await ((SupportBot.Intake.IKnownTeamsUsers)Sut).FindByNameAsync(" wang fang "));
        Assert.Null(await ((SupportBot.Intake.IKnownTeamsUsers)Sut).FindByNameAsync("Li Na"));
        Assert.Null(await ((SupportBot.Intake.IKnownTeamsUsers)Sut).FindByNameAsync("Nobody"));
    }

    [Fact]
    public async Task A_reference_saved_in_a_failed_turn_is_not_kept()
    {
        await Turns.FailAsync(Storage.Commits, () => Sut.SaveAsync(Personal("a:chat-1", "29:wang", "aad-wang", "Wang Fang")));

        Assert.Null(await Sut.FindAsync(Channels.MsTeams, "a:chat-1"));
    }

    private static ConversationReference Personal(string conversation, string user, string aad, string name) => new()
    {
        ChannelId = Channels.MsTeams,
        ServiceUrl = "https://smba.example/amer/",
        Locale = "zh-CN",
        User = new ChannelAccount { Id = user, AadObjectId = aad, Name = name },
        Bot = new ChannelAccount { Id = "28:bot", Name = "SupportBot" },
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" },
    };
}

public sealed class LiteDbConversationReferenceContract : ConversationReferenceContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlConversationReferenceContract : ConversationReferenceContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
