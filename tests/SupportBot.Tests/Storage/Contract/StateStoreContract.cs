using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Engineering;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the dialog engine, the redelivery check and card refreshes rely on, whichever engine keeps them: bot state
/// returned as written with optimistic concurrency (a stale ETag is a conflict, never an overwrite), a turn's writes
/// visible to itself and to others only once committed, handled activities remembered, card posts kept per ticket.
/// </summary>
public abstract class StateStoreContract : StorageContract
{
    private const string Key = "msteams/conversations/a:chat-1";
    private IStorage Sut => Storage.States;

    [Fact]
    public async Task State_reads_back_as_written_with_its_etag()
    {
        const string json = """{"dialogStack":[{"id":"intake","state":{"step":2}}],"locale":"zh-CN","text":"保存不了"}""";

        var etags = await Sut.WriteAsync(Items((Key, json, null)));
        var read = await Sut.ReadAsync([Key, "absent"]);

        Assert.Equal(json, read[Key].Document.GetRawText());
        Assert.Equal(etags[Key], read[Key].ETag);
        Assert.False(read.ContainsKey("absent"));
    }

    [Fact]
    public async Task A_stale_etag_is_a_conflict_and_writes_none_of_the_items()
    {
        var first = await Sut.WriteAsync(Items((Key, """{"v":1}""", null)));
        await Sut.WriteAsync(Items((Key, """{"v":2}""", first[Key])));

        await Assert.ThrowsAsync<StorageConflictException>(() => Sut.WriteAsync(Items(("other", """{"v":9}""", null), (Key, """{"v":3}""", first[Key]))));

        var read = await Sut.ReadAsync([Key, "other"]);
        Assert.Equal("""{"v":2}""", read[Key].Document.GetRawText());
        Assert.False(read.ContainsKey("other"));
    }

    [Fact]
    public async Task An_etag_for_an_item_that_is_not_there_is_a_conflict_while_any_overwrites()
    {
        await Assert.ThrowsAsync<StorageConflictException>(() => Sut.WriteAsync(Items((Key, "{}", "made-up"))));

        await Sut.WriteAsync(Items((Key, """{"v":1}""", null)));
        await Sut.WriteAsync(Items((Key, """{"v":2}""", ETags.Any)));

        Assert.Equal("""{"v":2}""", (await Sut.ReadAsync([Key]))[Key].Document.GetRawText());
    }

    [Fact]
    public async Task A_deleted_item_is_gone()
    {
        await Sut.WriteAsync(Items((Key, "{}", null)));

        await Sut.DeleteAsync([Key]);

        Assert.Empty(await Sut.ReadAsync([Key]));
    }

    [Fact]
    public async Task A_turn_reads_its_own_write_and_a_later_turn_with_the_old_etag_conflicts()
    {
        var before = await Sut.WriteAsync(Items((Key, """{"v":1}""", null)));
        string? seenOutside = null;

        await Turns.RunAsync(Storage.Commits, async () =>
        {
            await Sut.WriteAsync(Items((Key, """{"v":2}""", before[Key])));
            Assert.Equal("""{"v":2}""", (await Sut.ReadAsync([Key]))[Key].Document.GetRawText());
            seenOutside = await Task.Run(async () =>
            {
                using (SupportBot.Common.TurnWork.Enter(null))
                {
                    return (await Sut.ReadAsync([Key]))[Key].Document.GetRawText();
                }
            });
            return true;
        });

        Assert.Equal("""{"v":1}""", seenOutside);
        await Assert.ThrowsAsync<StorageConflictException>(() => Turns.RunAsync(Storage.Commits, () => Sut.WriteAsync(Items((Key, """{"v":3}""", before[Key])))));
        Assert.Equal("""{"v":2}""", (await Sut.ReadAsync([Key]))[Key].Document.GetRawText());
    }

    [Fact]
    public async Task A_failed_turn_leaves_the_state_as_the_last_committed_turn_left_it()
    {
        await Sut.WriteAsync(Items((Key, """{"v":1}""", null)));

        await Turns.FailAsync(Storage.Commits, () => Sut.WriteAsync(Items((Key, """{"v":2}""", ETags.Any))));

        Assert.Equal("""{"v":1}""", (await Sut.ReadAsync([Key]))[Key].Document.GetRawText());
    }

    [Fact]
    public async Task A_handled_activity_is_seen_again_only_once_its_turn_committed_and_survives_state_writes()
    {
        var handled = Activity("a-1", "a:chat-1");
        var rolledBack = Activity("a-2", "a:chat-1");

        await Turns.RunAsync(Storage.Commits, () => Storage.Handled.Record(SupportBot.Common.TurnWork.Current!, handled));
        await Turns.FailAsync(Storage.Commits, () => { Storage.Handled.Record(SupportBot.Common.TurnWork.Current!, rolledBack); return Task.CompletedTask; });
        await Sut.WriteAsync(Items((Key, """{"v":1}""", null)));
        await Sut.DeleteAsync([Key]);

        Assert.True(await SeenAsync(handled));
        Assert.False(await SeenAsync(rolledBack));
        Assert.False(await SeenAsync(Activity("a-1", "a:chat-2")));
    }

    [Fact]
    public async Task A_handled_activity_without_a_conversation_is_remembered_too()
    {
        var press = new Activity { Type = ActivityTypes.Invoke, Id = "press-1", ChannelId = "msteams" };

        await Turns.RunAsync(Storage.Commits, () => Storage.Handled.Record(SupportBot.Common.TurnWork.Current!, press));

        Assert.True(await SeenAsync(press));
        Assert.False(await SeenAsync(press with { Id = "press-2" }));
    }

    [Fact]
    public async Task Card_posts_are_kept_per_ticket_and_a_turns_only_once_committed()
    {
        Storage.CardPosts.Add(Post("T-1", "m-1"));
        await Turns.FailAsync(Storage.Commits, () => { Storage.CardPosts.Add(Post("T-1", "m-lost")); return Task.CompletedTask; });
        await Turns.RunAsync(Storage.Commits, () => Storage.CardPosts.Add(Post("T-1", "m-2") with { ViewerId = "eng-1", Audience = CardAudience.Engineer }));
        Storage.CardPosts.Add(Post("T-2", "m-3"));

        var posts = Storage.CardPosts.For("T-1");

        // In no particular order: a change refreshes every one of them.
        Assert.Equal(["m-1", "m-2"], posts.Select(post => post.ActivityId).Order());
        Assert.Contains(Post("T-1", "m-2") with { ViewerId = "eng-1", Audience = CardAudience.Engineer }, posts);
        Assert.Empty(Storage.CardPosts.For("T-404"));
    }

    [Fact]
    public async Task The_health_probe_commits()
    {
        await Storage.Commits.ProbeAsync();

        Assert.Null(Storage.Commits.Fault);
    }

    private Task<bool> SeenAsync(Activity activity) =>
        Turns.RunAsync(Storage.Commits, () => Task.FromResult(Storage.Handled.Seen(SupportBot.Common.TurnWork.Current!, activity)));

    private static Activity Activity(string id, string conversation) =>
        new() { Type = ActivityTypes.Message, Id = id, ChannelId = "msteams", Conversation = new ConversationAccount { Id = conversation } };

    private static CardPost Post(string number, string activityId) => new()
    {
        Number = number,
        Audience = CardAudience.Triage,
        Kind = CardKind.Ticket,
        ChannelId = "msteams",
        ServiceUrl = "https://smba.example/",
        ConversationId = "19:triage",
        ActivityId = activityId,
        Locale = "zh-CN",
        Text = "新工单",
    };

    private static Dictionary<string, StoreItem> Items(params (string Key, string Json, string? ETag)[] items) =>
        items.ToDictionary(item => item.Key, item => new StoreItem(JsonDocument.Parse(item.Json).RootElement, item.ETag));
}

public sealed class LiteDbStateStoreContract : StateStoreContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlStateStoreContract : StateStoreContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
