using System.Text.Json;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.State;

/// <summary>
/// A state document per conversation or per user, loaded once per turn and written back only if it changed.
/// Properties are typed: each is read as the record type its accessor names, never as an object bag.
/// </summary>
public abstract class BotState(IStorage storage, string name)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private string CacheKey => $"SupportBot.BotFramework.State.{name}";

    /// <summary>The storage key of the turn's state; null when the activity does not say whose state it is.</summary>
    protected abstract string? GetStorageKey(ITurnContext turnContext);

    public IStatePropertyAccessor<T> CreateProperty<T>(string propertyName) => new StatePropertyAccessor<T>(this, propertyName);

    public async Task LoadAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.ContainsKey(CacheKey) || GetStorageKey(turnContext) is not { } key)
        {
            return;
        }

        var found = await storage.ReadAsync([key], cancellationToken);
        turnContext.TurnState[CacheKey] = found.TryGetValue(key, out var item)
            ? new CachedState(key, item.Document, item.ETag)
            : new CachedState(key, null, null);
    }

    /// <summary>Writes the state if anything changed during the turn.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!turnContext.TurnState.TryGetValue(CacheKey, out var cached))
        {
            return;
        }

        var state = (CachedState)cached;
        if (state.ChangedDocument() is not { } document)
        {
            return;
        }

        var etags = await storage.WriteAsync(
            new Dictionary<string, StoreItem> { [state.Key] = new(document, state.ETag) },
            cancellationToken);
        turnContext.TurnState[CacheKey] = state.Saved(etags[state.Key]);
    }

    /// <summary>
    /// Drops what this turn loaded and changed, leaving storage as it was: after a failed turn, nothing of it is
    /// saved and the next turn starts from the last saved state.
    /// </summary>
    public void Discard(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Remove(CacheKey);
    }

    /// <summary>Forgets everything in this state for the turn's conversation or user, in the cache and in storage.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Remove(CacheKey);
        if (GetStorageKey(turnContext) is { } key)
        {
            await storage.DeleteAsync([key], cancellationToken);
        }
    }

    internal async Task<CachedState?> GetCachedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken);
        return turnContext.TurnState.TryGetValue(CacheKey, out var cached) ? (CachedState)cached : null;
    }
}

/// <summary>State shared by everyone in one conversation: the dialog stack lives here.</summary>
public sealed class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    /// <summary>The storage key of a conversation's state (the storage may keep more about the conversation in that row).</summary>
    public static string StorageKey(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";

    protected override string? GetStorageKey(ITurnContext turnContext) =>
        turnContext?.Activity is { ChannelId: { } channel, Conversation.Id: { } conversation } ? StorageKey(channel, conversation) : null;
}

/// <summary>State that follows one user across conversations on a channel: a reporter's remembered details.</summary>
public sealed class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string? GetStorageKey(ITurnContext turnContext) =>
        turnContext?.Activity is { ChannelId: { } channel, From.Id: { } user } ? $"{channel}/users/{user}" : null;
}
