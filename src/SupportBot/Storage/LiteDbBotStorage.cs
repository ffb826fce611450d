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
/// ETags are checked and reads answered there. Writes are group-committed by one writer thread, which takes
/// every write waiting at that moment into a single LiteDB transaction. Whether a turn waits for that commit is
/// <see cref="StorageOptions.BotStateDurability"/>.
/// </remarks>
public sealed class LiteDbBotStorage : IStorage, IDisposable
{
    private const int CacheCapacity = 20_000;

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _items;
    private readonly bool _waitForCommit;
    private readonly ConcurrentDictionary<string, (string? Json, string ETag)> _cache = new();
    private readonly Lock _versionLock = new();
    private readonly BlockingCollection<PendingWrite> _writes = [];
    private readonly Thread _writer;

    public LiteDbBotStorage(ILiteDatabase database, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _items = database.GetCollection("botstate");
        _waitForCommit = options.Value.BotStateDurability == BotStateDurability.Durable;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "SupportBot bot-state writer" };
        _writer.Start();
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
        var pending = Enqueue(changes.ToDictionary(c => c.Key, c => ((string?)c.Value.Document.GetRawText(), c.Value.ETag)));
        IReadOnlyDictionary<string, string> etags = pending.Changes.ToDictionary(c => c.Key, c => c.Value.NewETag);
        return _waitForCommit ? pending.Committed.Task.ContinueWith(_ => etags, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default) : Task.FromResult(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pending = Enqueue(keys.ToDictionary(k => k, _ => ((string?)null, (string?)ETags.Any)));
        return _waitForCommit ? pending.Committed.Task : Task.CompletedTask;
    }

    /// <summary>Waits until everything written so far is committed to the file.</summary>
    public Task FlushAsync() => Enqueue([]).Committed.Task;

    public void Dispose()
    {
        _writes.CompleteAdding();
        _writer.Join();
        _writes.Dispose();
    }

    /// <summary>Checks ETags against the newest versions and makes the new ones current, atomically for the whole write.</summary>
    private PendingWrite Enqueue(Dictionary<string, (string? Json, string? ETag)> changes)
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

            var pending = new PendingWrite(changes.ToDictionary(
                c => c.Key,
                c => (c.Value.Json, NewETag: Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture))));
            foreach (var (key, (json, etag)) in pending.Changes)
            {
                _cache[key] = (json, etag);
            }

            _writes.Add(pending);
            return pending;
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

    private void WriteLoop()
    {
        foreach (var first in _writes.GetConsumingEnumerable())
        {
            var batch = new List<PendingWrite> { first };
            while (batch.Count < 1000 && _writes.TryTake(out var next))
            {
                batch.Add(next);
            }

            Commit(batch);
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            _database.BeginTrans();
            foreach (var (key, (json, etag)) in batch.SelectMany(write => write.Changes))
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

            _database.Commit();
        }
        catch (Exception error) when (error is LiteException or IOException)
        {
            _database.Rollback();
            foreach (var write in batch)
            {
                write.Committed.TrySetException(error);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Committed.TrySetResult();
        }
    }

    private sealed record PendingWrite(Dictionary<string, (string? Json, string NewETag)> Changes)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
