using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Conversation references in LiteDB, so reminders can reach people after a restart. Saved in the turn's
/// transaction (<see cref="TurnWork"/>), else through the commit queue when there is one, without holding up the turn.
/// </summary>
internal sealed class LiteDbConversationReferenceStore : IConversationReferenceStore, Intake.IKnownTeamsUsers
{
    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue? _commits;

    public LiteDbConversationReferenceStore(ILiteDatabase database, LiteDbCommitQueue? commits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        References.EnsureIndex("personalUser");
        References.EnsureIndex("personalAad");
        References.EnsureIndex("personalName");
        _commits = commits;
    }

    private ILiteCollection<BsonDocument> References => _database.GetCollection("conversationrefs");

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var keys = ConversationReferenceKeys.Of(reference);
        var document = new BsonDocument
        {
            ["_id"] = keys.Key,
            ["personalUser"] = keys.PersonalUser is { } user ? new BsonValue(user) : BsonValue.Null,
            ["personalAad"] = keys.PersonalAad is { } aad ? new BsonValue(aad) : BsonValue.Null,
            ["personalName"] = keys.PersonalName is { } name ? new BsonValue(name) : BsonValue.Null,
            ["json"] = JsonSerializer.Serialize(reference, BotJson.Options),
        };
        if (TurnWork.Current is { } work)
        {
            work.Write(() => References.Upsert(document));
            return Task.CompletedTask;
        }

        if (_commits is null)
        {
            References.Upsert(document);
            return Task.CompletedTask;
        }

        // Not awaited: a reference is only needed later (reminders), and every turn carries it again, so a turn
        // need not wait for the ticket store's commit. Failures are retried alone by the queue.
        _ = _commits.EnqueueAsync(() => References.Upsert(document));
        return Task.CompletedTask;
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        await SavesSoFar();
        return Read(References.ByKey(ConversationReferenceKeys.Conversation(channelId, conversationId)));
    }

    public async Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        await SavesSoFar();
        var key = ConversationReferenceKeys.User(channelId, userId);
        return Read(References.FindOne(LiteFilter.Where.Eq("personalUser", key).Expression()) ?? References.FindOne(LiteFilter.Where.Eq("personalAad", key).Expression()));
    }

    public async Task<string?> FindByNameAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        await SavesSoFar();
        var people = References.Find(LiteFilter.Where.Eq("personalName", ConversationReferenceKeys.Name(Channels.MsTeams, name)).Expression())
            .Select(Read).Select(reference => reference?.User?.AadObjectId).OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        return people.Count == 1 ? people[0] : null;
    }

    /// <summary>Saves are not awaited by turns, so a lookup first lets the queued ones land (lookups are rare: reminders).</summary>
    private Task SavesSoFar() => _commits?.FlushAsync() ?? Task.CompletedTask;

    /// <summary>Every reference kept: what a move to another engine copies.</summary>
    internal static IEnumerable<ConversationReference> All(ILiteDatabase database) =>
        database.GetCollection("conversationrefs").FindAll().Select(Read).OfType<ConversationReference>();

    private static ConversationReference? Read(BsonDocument? document) =>
        document is null ? null : JsonSerializer.Deserialize<ConversationReference>(document["json"].AsString, BotJson.Options);
}
