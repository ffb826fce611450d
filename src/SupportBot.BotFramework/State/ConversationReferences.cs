using System.Collections.Concurrent;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.State;

/// <summary>Where to reach conversations and users later (reminders, engineer notifications); the app stores them durably.</summary>
public interface IConversationReferenceStore
{
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default);

    Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The latest 1:1 conversation with a user on a channel, by channel user id or (Teams) AAD object id.</summary>
    Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default);
}

public sealed class MemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<string, ConversationReference> _byConversation = new();
    private readonly ConcurrentDictionary<string, ConversationReference> _personalByUser = new();

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _byConversation[$"{reference.ChannelId}|{reference.Conversation?.Id}"] = reference;
        if (reference.Conversation?.IsGroup != true && reference.User?.Id is { } user)
        {
            _personalByUser[$"{reference.ChannelId}|{user}"] = reference;
            if (reference.User.AadObjectId is { } aad)
            {
                _personalByUser[$"{reference.ChannelId}|{aad}"] = reference;
            }
        }

        return Task.CompletedTask;
    }

    public Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byConversation.GetValueOrDefault($"{channelId}|{conversationId}"));

    public Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_personalByUser.GetValueOrDefault($"{channelId}|{userId}"));
}

/// <summary>
/// Keeps every conversation's reference current. The reference is written only when it changed (a new service
/// URL, a renamed user), so a busy conversation costs no write per message.
/// </summary>
/// <remarks>
/// What was last written is remembered for at most <see cref="Capacity"/> conversations in each of two generations:
/// one entry per conversation ever seen grew without end (a soak of 20 concurrent intakes added some 40 a second).
/// When the newer generation is full the older one is dropped; a conversation found in neither writes its
/// reference once more, which is all that forgetting costs (the store keeps the one copy that matters).
/// </remarks>
public sealed class ConversationReferenceMiddleware(IConversationReferenceStore store, int capacity) : IMiddleware
{
    /// <summary>Conversations remembered per generation unless told otherwise.</summary>
    public const int DefaultCapacity = 5_000;

    private readonly RecentEntries<string, ConversationReference> _lastSaved = new(capacity);

    public ConversationReferenceMiddleware(IConversationReferenceStore store)
        : this(store, DefaultCapacity)
    {
    }

    /// <summary>Conversations remembered per generation (at most twice this in all).</summary>
    public int Capacity => _lastSaved.Capacity;

    /// <summary>How many conversations' last-written references are held now.</summary>
    public int Remembered => _lastSaved.Count;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is { } conversation && activity.From?.Id is not null && activity.Name != "ContinueConversation")
        {
            // The activity id changes every message and is not needed to reach the conversation again.
            var reference = activity.GetConversationReference() with { ActivityId = null };
            var key = $"{activity.ChannelId}|{conversation}";
            if (!_lastSaved.TryGetValue(key, out var saved) || !SameAddress(saved, reference))
            {
                await store.SaveAsync(reference, cancellationToken);
                _lastSaved.Set(key, reference);
            }
        }

        await next(cancellationToken);
    }

    private static bool SameAddress(ConversationReference a, ConversationReference b) =>
        a.ServiceUrl == b.ServiceUrl && a.User?.Id == b.User?.Id && a.User?.Name == b.User?.Name && a.Locale == b.Locale && a.Bot?.Id == b.Bot?.Id;
}
