using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LiteDB;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage;

/// <summary>
/// Bot state (dialog stacks, reporter profiles) in LiteDB: one document per key holding the state as JSON text
/// (the dialog engine's own JSON, returned byte for byte) and an ETag.
/// </summary>
/// <remarks>
/// This process owns the file, so a write-through cache holds the newest version of every state it has seen:
/// ETags are checked and reads answered there. Writes are group-committed by <see cref="LiteDbCommitQueue"/>.
/// Whether a turn waits for that commit is <see cref="StorageOptions.BotStateDurability"/>.
/// </remarks>
public sealed class LiteDbBotStorage : IStorage, IDisposable
{
    private const int CacheCapacity = 20_000;

    private readonly ILiteCollection<BsonDocument> _items;
    private readonly LiteDbCommitQueue _commits;
    private readonly bool _waitForCommit;
    private readonly ConcurrentDictionary<string, (string? Json, string ETag)> _cache = new();
    private readonly Lock _versionLock = new();
    private readonly bool _ownsQueue;

    /// <summary>Bot state on its own, with a commit queue of its own (tools and tests; the app shares one queue).</summary>
    public LiteDbBotStorage(ILiteDatabase database, IOptions<StorageOptions> options)
        : this(database, new LiteDbCommitQueue(database), options)
    {
        _ownsQueue = true;
    }

    public LiteDbBotStorage(ILiteDatabase database, LiteDbCommitQueue commits, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _items = LiteDbCollections.Existing(database, "botstate");
        _commits = commits;
        _waitForCommit = options.Value.BotStateDurability == BotStateDurability.Durable;
    }

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
        var (committed, newETags) = Enqueue(changes.ToDictionary(c => c.Key, c => ((string?)c.Value.Document.GetRawText(), c.Value.ETag)));
        IReadOnlyDictionary<string, string> etags = newETags;
        return _waitForCommit ? committed.ContinueWith(_ => etags, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default) : Task.FromResult(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var (committed, _) = Enqueue(keys.ToDictionary(k => k, _ => ((string?)null, (string?)ETags.Any)));
        return _waitForCommit ? committed : Task.CompletedTask;
    }

    /// <summary>Waits until everything written so far is committed to the file.</summary>
    public Task FlushAsync() => _commits.FlushAsync();

    public void Dispose()
    {
        if (_ownsQueue)
        {
            _commits.Dispose();
        }
    }

    /// <summary>Checks ETags against the newest versions and makes the new ones current, atomically for the whole write.</summary>
    private (Task Committed, Dictionary<string, string> ETags) Enqueue(Dictionary<string, (string? Json, string? ETag)> changes)
    {
        lock (_versionLock)
        {
            foreach (var (key, (_, etag)) in changes)
            {
                if (!ETags.Matches(etag, Current(key)?.ETag))
                {
                    throw new StorageConflictException($"'{key}' was changed by someone else (ETag {etag} is stale).");
                }
            }

            if (_cache.Count >= CacheCapacity)
            {
                // Everything queued must be on disk before the cache may forget it.
                FlushAsync().GetAwaiter().GetResult();
                _cache.Clear();
            }

            var versions = changes.ToDictionary(
                c => c.Key,
                c => (c.Value.Json, NewETag: Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)));
            foreach (var (key, (json, etag)) in versions)
            {
                _cache[key] = (json, etag);
            }

            // Queued under the version lock, so the file receives versions in the order the cache made them.
            var committed = _commits.EnqueueAsync(() => Save(versions));
            return (committed, versions.ToDictionary(v => v.Key, v => v.Value.NewETag));
        }
    }

    private (string? Json, string ETag)? Current(string key)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached.Json is null ? null : cached;
        }

        if (_items.FindById(key) is not { } document)
        {
            return null;
        }

        var stored = ((string?)document["json"].AsString, document["etag"].AsString);
        _cache.TryAdd(key, stored);
        return stored;
    }

    private bool Save(Dictionary<string, (string? Json, string NewETag)> versions)
    {
        foreach (var (key, (json, etag)) in versions)
        {
            if (json is null)
            {
                _items.Delete(key);
            }
            else
            {
                _items.Upsert(new BsonDocument { ["_id"] = key, ["json"] = json, ["etag"] = etag });
            }
        }

        return true;
    }
}
