using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

public sealed class LiteDbBotStorageTests
{
    [Theory]
    [InlineData(BotStateDurability.Durable)]
    [InlineData(BotStateDurability.WriteBehind)]
    public async Task Write_ThenStopAndReopenTheFile_ReadsTheSameJsonBack(BotStateDurability durability)
    {
        using var file = new TempDatabase();
        var document = JsonDocument.Parse("""{"dialogs":{"stack":[{"id":"intake","state":{"index":2,"values":{"title":"  VPN 断线 ","empty":""}}}]}}""").RootElement;
        using (var first = file.Open())
        using (var storage = Create(first, durability))
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { ["msteams/conversations/a:1"] = new(document, null) });
        }

        using var reopened = file.Open();
        using var sut = Create(reopened);
        var read = await sut.ReadAsync(["msteams/conversations/a:1", "missing"]);

        Assert.Equal(document.GetRawText(), Assert.Single(read).Value.Document.GetRawText());
    }

    [Fact]
    public async Task Write_Durable_IsInTheFileWhenTheWriteCompletes()
    {
        using var database = TempDatabase.InMemory();
        using var sut = Create(database);

        await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(JsonDocument.Parse("""{"v":1}""").RootElement, null) });

        Assert.Equal("""{"v":1}""", database.GetCollection("botstate").FindById("k")["json"].AsString);
    }

    [Fact]
    public async Task Delete_ThenRead_FindsNothing()
    {
        using var database = TempDatabase.InMemory();
        using var sut = Create(database);
        await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(JsonDocument.Parse("{}").RootElement, null) });

        await sut.DeleteAsync(["k"]);

        Assert.Empty(await sut.ReadAsync(["k"]));
        Assert.Null(database.GetCollection("botstate").FindById("k"));
    }

    private static LiteDbBotStorage Create(LiteDB.ILiteDatabase database, BotStateDurability durability = BotStateDurability.Durable) =>
        new(database, Microsoft.Extensions.Options.Options.Create(new StorageOptions { BotStateDurability = durability }));

    [Fact]
    public async Task Write_WithAStaleETag_IsAConflict()
    {
        using var database = TempDatabase.InMemory();
        using var sut = Create(database);
        var v1 = JsonDocument.Parse("""{"v":1}""").RootElement;
        var first = await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, null) });
        await sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, first["k"]) });

        await Assert.ThrowsAsync<StorageConflictException>(() => sut.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(v1, first["k"]) }));
    }

    [Fact]
    public async Task ConversationReferences_SavedThenReopened_FindByConversationAndByPersonalUser()
    {
        using var file = new TempDatabase();
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/amer/",
            Conversation = new ConversationAccount { Id = "a:1", ConversationType = "personal", TenantId = "t-1" },
            User = new ChannelAccount { Id = "29:user", AadObjectId = "aad-1" },
            Bot = new ChannelAccount { Id = "28:bot" },
        };
        using (var first = file.Open())
        {
            await new LiteDbConversationReferenceStore(first).SaveAsync(reference);
        }

        using var reopened = file.Open();
        var sut = new LiteDbConversationReferenceStore(reopened);

        Assert.Equal("t-1", (await sut.FindAsync("msteams", "a:1"))!.Conversation!.TenantId);
        Assert.Equal("a:1", (await sut.FindPersonalAsync("msteams", "29:user"))!.Conversation!.Id);
        Assert.Null(await sut.FindPersonalAsync("webchat", "29:user"));
    }
}
