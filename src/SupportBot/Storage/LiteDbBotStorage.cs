using System.Globalization;
using System.Text.Json;
using LiteDB;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Bot state (dialog stacks, reporter profiles) in LiteDB's <c>botstate</c> collection: the state as JSON text (the
/// dialog engine's own JSON, returned byte for byte) and an ETag per key. Inside a turn a write joins the turn's
/// transaction (<see cref="TurnWork"/>) and later reads of the same turn see it; outside a turn it commits alone.
/// </summary>
/// <remarks>
/// No cache: LiteDB keeps recently used pages in memory itself, and a cache here was a second copy of the truth
/// (and of the memory). Turns of one conversation run one at a time in this process, so an ETag checked against
/// the committed value plus the turn's own writes cannot be overtaken before the turn commits.
/// </remarks>
internal sealed class LiteDbBotStorage(ILiteDatabase database, LiteDbCommitQueue commits) : IStorage
{
    private const string CollectionName = "botstate";

    private ILiteCollection<BsonDocument> States => database.GetCollection(CollectionName);

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>();
        foreach (var key in keys)
        {
            if (Current(key) is { Json: { } json, ETag: var etag })
            {
                found[key] = new StoreItem(JsonDocument.Parse(json).RootElement, etag);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var written = Write(changes.ToDictionary(c => c.Key, c => ((string?)c.Value.Document.GetRawText(), c.Value.ETag)));
        return written.ContinueWith(
            task => (IReadOnlyDictionary<string, string>)task.Result.ToDictionary(c => c.Key, c => c.Value),
            cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Write(keys.ToDictionary(k => k, _ => ((string?)null, (string?)ETags.Any)));
    }

    /// <summary>Writes a state record as the journal migration found it (start-up, before any turn).</summary>
    internal static void Import(ILiteDatabase database, string key, string json, string etag) =>
        database.GetCollection(CollectionName).Upsert(Document(key, json, etag));

    private Task<Dictionary<string, string>> Write(Dictionary<string, (string? Json, string? ETag)> changes)
    {
        var work = TurnWork.Current;
        var pending = work is null ? [] : Pending(work);
        foreach (var (key, (_, etag)) in changes)
        {
            if (etag is not (null or ETags.Any) && !ETags.Matches(etag, Current(key)?.ETag))
            {
                throw new StorageConflictException($"'{key}' was changed by someone else (ETag {etag} is stale).");
            }
        }

        var written = changes.ToDictionary(c => c.Key, c => (c.Value.Json, ETag: Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)));
        // Documents built here, on the turn's thread: the writer thread only stores them.
        var documents = written.Select(w => (w.Key, Document: w.Value.Json is null ? null : Document(w.Key, w.Value.Json, w.Value.ETag))).ToList();
        void Apply()
        {
            foreach (var (key, document) in documents)
            {
                _ = document is null ? States.Delete(key) : States.Upsert(document);
            }
        }

        var etags = written.ToDictionary(w => w.Key, w => w.Value.ETag);
        if (work is null)
        {
            return commits.EnqueueAsync(() => { Apply(); return etags; });
        }

        foreach (var (key, value) in written)
        {
            pending[key] = value;
        }

        work.Write(Apply);
        return Task.FromResult(etags);
    }

    /// <summary>The newest JSON and ETag of <paramref name="key"/>: this turn's own write first, then the database.</summary>
    private (string? Json, string ETag)? Current(string key)
    {
        if (TurnWork.Current is { } work && Pending(work).TryGetValue(key, out var mine))
        {
            return mine.Json is null ? null : mine;
        }

        return States.FindById(key) is { } document ? (document["json"].AsString, document["etag"].AsString) : null;
    }

    private Dictionary<string, (string? Json, string ETag)> Pending(TurnWork work)
    {
        if (!work.Items.TryGetValue(this, out var pending))
        {
            pending = new Dictionary<string, (string? Json, string ETag)>(StringComparer.Ordinal);
            work.Items[this] = pending;
        }

        return (Dictionary<string, (string? Json, string ETag)>)pending;
    }

    private static BsonDocument Document(string key, string json, string etag) => new()
    {
        ["_id"] = key,
        ["json"] = json,
        ["etag"] = etag,
    };
}
