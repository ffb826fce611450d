using System.Text.Json;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Testing;

namespace SupportBot.BotFramework.Tests.State;

public sealed class BotStateTests
{
    private sealed record Profile(string Name, string Department);

    [Fact]
    public async Task UserState_SetInOneConversation_IsReadBackTypedInTheNext()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();

        await adapter.SendTextToBotAsync("remember", async (turn, ct) =>
        {
            var state = new UserState(storage);
            await state.CreateProperty<Profile>("profile").SetAsync(turn, new Profile("张伟", "财务部"), ct);
            await state.SaveChangesAsync(turn, ct);
        });

        Profile? read = null;
        var otherConversation = new TestAdapter { Conversation = new() { Id = "another" } };
        await otherConversation.SendTextToBotAsync("recall", async (turn, ct) =>
            read = await new UserState(storage).CreateProperty<Profile>("profile").GetAsync(turn, () => new Profile("?", "?"), ct));

        Assert.Equal(new Profile("张伟", "财务部"), read);
    }

    [Fact]
    public async Task SaveChanges_NothingChanged_WritesNothing()
    {
        var storage = new CountingStorage();
        var adapter = new TestAdapter();

        await adapter.SendTextToBotAsync("look", async (turn, ct) =>
        {
            var state = new ConversationState(storage);
            _ = await state.CreateProperty<Profile>("profile").GetAsync(turn, () => new Profile("a", "b"), ct);
            await state.SaveChangesAsync(turn, ct);
        });

        Assert.Equal(0, storage.Writes);
    }

    [Fact]
    public async Task Write_WithAStaleETag_IsAConflictAndKeepsTheNewerDocument()
    {
        var storage = new MemoryStorage();
        var first = await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Json("""{"v":1}"""), null) });
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Json("""{"v":2}"""), first["k"]) });

        await Assert.ThrowsAsync<StorageConflictException>(() =>
            storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(Json("""{"v":3}"""), first["k"]) }));

        var stored = await storage.ReadAsync(["k"]);
        Assert.Equal(2, stored["k"].Document.GetProperty("v").GetInt32());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    /// <summary>Counts the writes that reach storage.</summary>
    private sealed class CountingStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();
        public int Writes { get; private set; }

        public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.ReadAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            Writes++;
            return _inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);
    }
}
