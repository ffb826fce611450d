using System.Text.Json;
using System.Text.Json.Nodes;
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
            ? new CachedState(key, JsonObject.Create(item.Document) ?? [], item.ETag)
            : new CachedState(key, [], null);
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
            new Dictionary<string, StoreItem> { [state.Key] = new(JsonDocument.Parse(document).RootElement, state.ETag) },
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

    /// <summary>
    /// The raw document as loaded plus the typed values handed out this turn. A value is written back only if its
    /// JSON now differs from what it was when handed out, so reading (even a default) costs no write.
    /// </summary>
    internal sealed class CachedState(string key, JsonObject raw, string? etag)
    {
        private readonly Dictionary<string, string?> _handedOutAs = [];
        private readonly Dictionary<string, string?> _unsaved = [];
        private bool _removed;

        public string Key => key;
        public string? ETag { get; private set; } = etag;
        public JsonObject Raw => raw;
        public Dictionary<string, object?> Values { get; } = [];

        public void HandOut(string property, object? value, string? json)
        {
            Values[property] = value;
            _handedOutAs[property] = json;
        }

        public void Remove(string property)
        {
            _removed |= Values.Remove(property) | raw.Remove(property);
        }

        /// <summary>The document to write, or null when nothing changed; each value is serialised once per save.</summary>
        public string? ChangedDocument()
        {
            _unsaved.Clear();
            foreach (var (property, value) in Values)
            {
                var json = ToJson(value);
                if (json != _handedOutAs.GetValueOrDefault(property))
                {
                    _unsaved[property] = json;
                    raw[property] = json is null ? null : JsonNode.Parse(json);
                }
            }

            return _removed || _unsaved.Count > 0 ? raw.ToJsonString() : null;
        }

        /// <summary>After a successful write: what was written becomes the baseline for the next change check.</summary>
        public CachedState Saved(string newETag)
        {
            ETag = newETag;
            _removed = false;
            foreach (var (property, json) in _unsaved)
            {
                _handedOutAs[property] = json;
            }

            return this;
        }

        public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);
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
