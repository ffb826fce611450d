using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

public sealed class JournalBotStorageTests : IDisposable
{
    private readonly TempDatabase _file = new();

    private string JournalPath => JournalBotStorage.PathBeside(_file.Path);

    public void Dispose() => _file.Dispose();

    [Theory]
    [InlineData(BotStateDurability.Durable)]
    [InlineData(BotStateDurability.WriteBehind)]
    public async Task Write_ThenStopAndReopen_ReadsTheSameJsonBack(BotStateDurability durability)
    {
        var document = JsonDocument.Parse("""{"dialogs":{"stack":[{"id":"intake","state":{"index":2,"values":{"title":"  VPN 断线 ","empty":""}}}]}}""").RootElement;
        using (var first = Create(durability))
        {
            await first.WriteAsync(new Dictionary<string, StoreItem> { ["msteams/conversations/a:1"] = new(document, null) });
        }

        using var sut = Create();
        var read = await sut.ReadAsync(["msteams/conversations/a:1", "missing"]);

        Assert.Equal(document.GetRawText(), Assert.Single(read).Value.Document.GetRawText());
    }

    [Fact]
    public async Task Write_Durable_IsInTheFileWhenTheWriteCompletes()
    {
        using var sut = Create();

        await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(JsonDocument.Parse("""{"v":1}""").RootElement, null) });

        using var file = new FileStream(JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        Assert.Contains("""{"v":1}""", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ThenReopen_FindsNothing()
    {
        using (var first = Create())
        {
            await first.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(JsonDocument.Parse("{}").RootElement, null) });
            await first.DeleteAsync(["k"]);
            Assert.Empty(await first.ReadAsync(["k"]));
        }

        using var sut = Create();
        Assert.Empty(await sut.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Write_WithAStaleETag_IsAConflict()
    {
        using var sut = Create();
        var v1 = JsonDocument.Parse("""{"v":1}""").RootElement;
        var first = await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, null) });
        await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, first["k"]) });

        await Assert.ThrowsAsync<StorageConflictException>(() => sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, first["k"]) }));
    }

    [Fact]
    public async Task Past_the_cache_capacity_every_state_is_still_read_back_from_the_file()
    {
        using var sut = new JournalBotStorage(JournalPath, Microsoft.Extensions.Options.Options.Create(new StorageOptions()), cacheCapacity: 10);
        var etags = new Dictionary<string, string>();
        for (var i = 0; i < 25; i++)
        {
            etags[$"k{i}"] = (await sut.WriteAsync(new Dictionary<string, StoreItem> { [$"k{i}"] = new(JsonDocument.Parse($$"""{"n":{{i}}}""").RootElement, null) }))[$"k{i}"];
        }

        var read = await sut.ReadAsync([.. etags.Keys]);

        Assert.Equal(25, read.Count);
        Assert.All(etags, pair => Assert.Equal(pair.Value, read[pair.Key].ETag));
        Assert.Equal("""{"n":3}""", read["k3"].Document.GetRawText());
    }

    [Fact]
    public async Task A_write_torn_by_a_crash_is_cut_off_and_everything_before_it_survives()
    {
        using (var first = Create())
        {
            await first.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = new(JsonDocument.Parse("""{"step":1}""").RootElement, null) });
            await first.WriteAsync(new Dictionary<string, StoreItem> { ["b"] = new(JsonDocument.Parse("""{"step":2}""").RootElement, null) });
        }

        // The crash: the last record lost its final bytes, then garbage follows.
        var bytes = File.ReadAllBytes(JournalPath);
        File.WriteAllBytes(JournalPath, [.. bytes.AsSpan(0, bytes.Length - 3), 0xFF, 0x00]);

        using (var sut = Create())
        {
            var read = await sut.ReadAsync(["a", "b"]);
            Assert.Equal("""{"step":1}""", read["a"].Document.GetRawText());
            Assert.False(read.ContainsKey("b"));
            await sut.WriteAsync(new Dictionary<string, StoreItem> { ["c"] = new(JsonDocument.Parse("""{"step":3}""").RootElement, null) });
        }

        using var reopened = Create();
        Assert.Equal(["a", "c"], (await reopened.ReadAsync(["a", "b", "c"])).Keys.Order());
    }

    [Fact]
    public void A_mostly_superseded_journal_is_compacted_to_the_newest_records()
    {
        using (var journal = new StateJournal(JournalPath, compactAfterBytes: 4096))
        {
            for (var i = 0; i < 200; i++)
            {
                journal.Append([("conversation", $$"""{"turn":{{i}}}""", $"etag-{i}"), ("gone", i == 199 ? null : "{}", $"g-{i}")]);
            }

            var before = journal.Length;
            Assert.True(journal.CompactIfWorthIt());
            Assert.True(journal.Length < before / 50, $"{journal.Length} of {before} bytes left");
            Assert.Equal(("""{"turn":199}""", "etag-199"), journal.Read("conversation"));
        }

        using var reopened = new StateJournal(JournalPath);
        Assert.Equal(("""{"turn":199}""", "etag-199"), reopened.Read("conversation"));
        Assert.Null(reopened.Read("gone"));
    }

    [Fact]
    public async Task ConversationReferences_SavedThenReopened_FindByConversationAndByPersonalUser()
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/amer/",
            Conversation = new ConversationAccount { Id = "a:1", ConversationType = "personal", TenantId = "t-1" },
            User = new ChannelAccount { Id = "29:user", AadObjectId = "aad-1" },
            Bot = new ChannelAccount { Id = "28:bot" },
        };
        using (var first = _file.Open())
        using (var commits = new LiteDbCommitQueue(first))
        {
            await new LiteDbConversationReferenceStore(first, commits).SaveAsync(reference);
        }

        using var reopened = _file.Open();
        var sut = new LiteDbConversationReferenceStore(reopened);

        Assert.Equal("t-1", (await sut.FindAsync("msteams", "a:1"))!.Conversation!.TenantId);
        Assert.Equal("a:1", (await sut.FindPersonalAsync("msteams", "29:user"))!.Conversation!.Id);
        Assert.Null(await sut.FindPersonalAsync("webchat", "29:user"));
    }

    private JournalBotStorage Create(BotStateDurability durability = BotStateDurability.Durable) =>
        new(JournalPath, Microsoft.Extensions.Options.Options.Create(new StorageOptions { BotStateDurability = durability }));
}
