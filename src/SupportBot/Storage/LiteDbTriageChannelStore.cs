using LiteDB;
using SupportBot.Common;
using SupportBot.Engineering;

namespace SupportBot.Storage;

/// <summary>Triage channel bindings in LiteDB's <c>triagechannels</c> collection; a binding made in a turn joins its transaction.</summary>
internal sealed class LiteDbTriageChannelStore(ILiteDatabase database) : ITriageChannelStore
{
    private const string CollectionName = "triagechannels";

    private ILiteCollection<BsonDocument> Bindings => database.GetCollection(CollectionName);

    public TriageChannel? Find(string key) => Bindings.ByKey(key) is { } bound ? Read(bound) : null;

    /// <summary>Every binding with its key: what a move to another engine copies.</summary>
    internal static IEnumerable<(string Key, TriageChannel Channel)> All(ILiteDatabase database) =>
        database.GetCollection(CollectionName).FindAll().Select(bound => (bound["_id"].AsString, Read(bound)));

    private static TriageChannel Read(BsonDocument bound) => new(
        bound["team"].AsString, bound["channelId"].AsString, bound["serviceUrl"].AsString, bound["conversationId"].AsString,
        bound["locale"].AsString, NullIfEmpty(bound["botId"].AsString), NullIfEmpty(bound["tenantId"].AsString));

    public void Save(string key, TriageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var document = new BsonDocument
        {
            ["_id"] = key,
            ["team"] = channel.Team,
            ["channelId"] = channel.ChannelId,
            ["serviceUrl"] = channel.ServiceUrl,
            ["conversationId"] = channel.ConversationId,
            ["locale"] = channel.Locale,
            ["botId"] = channel.BotId ?? "",
            ["tenantId"] = channel.TenantId ?? "",
        };
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Bindings.Upsert(document));
            return;
        }

        Bindings.Upsert(document);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
