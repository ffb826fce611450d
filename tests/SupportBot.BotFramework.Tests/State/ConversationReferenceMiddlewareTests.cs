using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Testing;

namespace SupportBot.BotFramework.Tests.State;

public sealed class ConversationReferenceMiddlewareTests
{
    /// <summary>Counts the writes that reach the store, over the in-memory one.</summary>
    private sealed class CountingStore : IConversationReferenceStore
    {
        private readonly MemoryConversationReferenceStore _inner = new();

        public int Saves;

        public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Saves);
            return _inner.SaveAsync(reference, cancellationToken);
        }

        public Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
            _inner.FindAsync(channelId, conversationId, cancellationToken);

        public Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default) =>
            _inner.FindPersonalAsync(channelId, userId, cancellationToken);
    }

    [Fact]
    public async Task ManyConversations_TheMemoryOfWhatWasWrittenStaysBounded_AndAForgottenConversationIsStillReachable()
    {
        var store = new CountingStore();
        var middleware = new ConversationReferenceMiddleware(store, capacity: 3);
        var adapters = Enumerable.Range(0, 10)
            .Select(i => new TestAdapter { Conversation = new ConversationAccount { Id = $"c{i}", ConversationType = "personal" } })
            .ToList();
        foreach (var adapter in adapters)
        {
            adapter.Use(middleware);
        }

        // Each conversation talks twice in a row: its reference is written once, the second message is remembered.
        foreach (var adapter in adapters)
        {
            await adapter.SendTextToBotAsync("hello", (_, _) => Task.CompletedTask);
            await adapter.SendTextToBotAsync("again", (_, _) => Task.CompletedTask);
        }

        Assert.Equal(10, store.Saves);
        Assert.InRange(middleware.Remembered, 1, 2 * middleware.Capacity);

        // The first conversation was forgotten long ago: its next message writes its reference again, and a reminder
        // can still find it.
        await adapters[0].SendTextToBotAsync("still there?", (_, _) => Task.CompletedTask);

        Assert.Equal(11, store.Saves);
        Assert.InRange(middleware.Remembered, 1, 2 * middleware.Capacity);
        var found = await store.FindAsync(Channels.Test, "c0");
        Assert.Equal("c0", found?.Conversation?.Id);
    }
}
