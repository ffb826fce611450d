using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage;

/// <summary>
/// Conversation references in LiteDB, so reminders can reach people after a restart. Saved through the
/// commit queue when there is one (the app), without holding up the turn.
/// </summary>
public sealed class LiteDbConversationReferenceStore : IConversationReferenceStore
{
    private readonly ILiteCollection<BsonDocument> _references;
    private readonly LiteDbCommitQueue? _commits;

    public LiteDbConversationReferenceStore(ILiteDatabase database, LiteDbCommitQueue? commits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _references = database.GetCollection("conversationrefs");
        _references.EnsureIndex("personalUser");
        _references.EnsureIndex("personalAad");
        _commits = commits;
    }

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var personal = reference.Conversation?.IsGroup != true && reference.User?.Id is { } user ? $"{reference.ChannelId}|{user}" : null;
        var document = new BsonDocument
        {
            ["_id"] = Key(reference.ChannelId, reference.Conversation?.Id),
            ["personalUser"] = personal is null ? BsonValue.Null : new BsonValue(personal),

            // Teams people are known by their AAD object id (the roster, tickets); their chat by the 29: id.
            ["personalAad"] = personal is not null && reference.User?.AadObjectId is { } aad ? new BsonValue($"{reference.ChannelId}|{aad}") : BsonValue.Null,
            ["json"] = JsonSerializer.Serialize(reference, BotJson.Options),
        };
        if (_commits is null)
        {
            _references.Upsert(document);
            return Task.CompletedTask;
        }

        // Not awaited: a reference is only needed later (reminders), and every turn carries it again, so a turn
        // need not wait for the ticket store's commit. Failures are retried alone by the queue.
        _ = _commits.EnqueueAsync(() => _references.Upsert(document));
        return Task.CompletedTask;
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        await SavesSoFar();
        return Read(_references.FindById(Key(channelId, conversationId)));
    }

    public async Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        await SavesSoFar();
        var key = $"{channelId}|{userId}";
        return Read(_references.FindOne(Query.EQ("personalUser", key)) ?? _references.FindOne(Query.EQ("personalAad", key)));
    }

    /// <summary>Saves are not awaited by turns, so a lookup first lets the queued ones land (lookups are rare: reminders).</summary>
    private Task SavesSoFar() => _commits?.FlushAsync() ?? Task.CompletedTask;

    private static string Key(string? channelId, string? conversationId) => $"{channelId}|{conversationId}";

    private static ConversationReference? Read(BsonDocument? document) =>
        document is null ? null : JsonSerializer.Deserialize<ConversationReference>(document["json"].AsString, BotJson.Options);
}
