using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage;

/// <summary>
/// Bot state (dialog stacks, reporter profiles) in an append-only <see cref="StateJournal"/> next to the
/// database: the state as JSON text (the dialog engine's own JSON, returned byte for byte) and an ETag per key.
/// </summary>
/// <remarks>
/// This process owns the file, so a write-through cache holds the newest version of every state it has seen:
/// ETags are checked and reads answered there. Writes are group-committed (<see cref="GroupCommitter{TItem}"/>):
/// every write waiting at that moment is appended and made durable with a single fsync. State is not kept in LiteDB because
/// LiteDB's page writer flushes to disk several times per commit (bench/README.md: the same load runs at a
/// third of the speed on disk as on tmpfs). Whether a turn waits for the commit is
/// <see cref="StorageOptions.BotStateDurability"/>.
/// </remarks>
public sealed class JournalBotStorage : IStorage, IDisposable
{
    private readonly StateJournal _journal;
    private readonly Lock _journalLock = new();
    private readonly bool _waitForCommit;
    private readonly ConcurrentDictionary<string, (string? Json, string ETag)> _cache = new();
    private readonly Lock _versionLock = new();
    private readonly GroupCommitter<PendingWrite> _committer;

    private readonly int _cacheCapacity;

    /// <param name="path">The journal file.</param>
    /// <param name="options">Whether a turn waits for its state to be committed.</param>
    /// <param name="cacheCapacity">States kept in memory; past it the cache starts again from the file.</param>
    public JournalBotStorage(string path, IOptions<StorageOptions> options, int cacheCapacity = 20_000)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cacheCapacity = cacheCapacity;
        _journal = new StateJournal(path);
        _waitForCommit = options.Value.BotStateDurability == BotStateDurability.Durable;
        _committer = new GroupCommitter<PendingWrite>("SupportBot bot-state writer", Commit);
    }

    /// <summary>The journal's file next to the LiteDB database (<c>data/supportbot.db</c> → <c>data/supportbot.state</c>).</summary>
    public static string PathBeside(string databasePath) => Path.ChangeExtension(databasePath, ".state");

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

    /// <summary>
    /// A record that must be on disk before the caller goes on, whatever <see cref="StorageOptions.BotStateDurability"/>
    /// says: a ticket's creation. It shares the group commit (and its one fsync) with the bot state.
    /// </summary>
    /// <remarks>Not cached: such records are read only by <see cref="ReadAll"/> at start, and would crowd out bot state.</remarks>
    public Task WriteDurablyAsync(string key, string json) => Enqueue(new() { [key] = (json, ETags.Any) }, cached: false).Committed.Task;

    /// <summary>Drops a record whose content is kept elsewhere now; a crash before this commits only means it is seen again.</summary>
    public void DeleteLater(string key) => Enqueue(new() { [key] = (null, ETags.Any) }, cached: false);

    /// <summary>Every record whose key starts with <paramref name="prefix"/>, as the file has them (for recovery at start).</summary>
    public IReadOnlyList<(string Key, string Json)> ReadAll(string prefix)
    {
        lock (_journalLock)
        {
            return [.. _journal.Keys(prefix).Select(key => (key, _journal.Read(key)!.Value.Json))];
        }
    }

    /// <summary>Waits until everything written so far is in the file.</summary>
    public Task FlushAsync()
    {
        var barrier = new PendingWrite([]);
        _committer.Add(barrier);
        return barrier.Committed.Task;
    }

    /// <summary>Commits what is queued and closes the file; safe to call twice (it is registered as two services).</summary>
    public void Dispose()
    {
        _committer.Dispose();
        _journal.Dispose();
    }

    /// <summary>Checks ETags against the newest versions and makes the new ones current, atomically for the whole write.</summary>
    private PendingWrite Enqueue(Dictionary<string, (string? Json, string? ETag)> changes, bool cached = true)
    {
        lock (_versionLock)
        {
            foreach (var (key, (_, etag)) in changes)
            {
                // An unconditional write needs no lookup of the current version (which may read the file).
                if (etag is not (null or ETags.Any) && !ETags.Matches(etag, Current(key)?.ETag))
                {
                    throw new StorageConflictException($"'{key}' was changed by someone else (ETag {etag} is stale).");
                }
            }

            if (_cache.Count >= _cacheCapacity)
            {
                // Everything queued must be in the file before the cache may forget it.
                FlushAsync().GetAwaiter().GetResult();
                _cache.Clear();
            }

            var pending = new PendingWrite(changes.ToDictionary(
                c => c.Key,
                c => (c.Value.Json, NewETag: Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture))));
            if (cached)
            {
                foreach (var (key, (json, etag)) in pending.Changes)
                {
                    _cache[key] = (json, etag);
                }
            }

            _committer.Add(pending);
            return pending;
        }
    }

    private (string? Json, string ETag)? Current(string key)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached.Json is null ? null : cached;
        }

        (string Json, string ETag)? stored;
        lock (_journalLock)
        {
            stored = _journal.Read(key);
        }

        if (stored is not { } found)
        {
            return null;
        }

        _cache.TryAdd(key, found);
        return found;
    }

    private void Commit(IReadOnlyList<PendingWrite> batch)
    {
        lock (_journalLock)
        {
            _journal.Append([.. batch.SelectMany(write => write.Changes).Select(change => (change.Key, change.Value.Json, change.Value.NewETag))]);
            _journal.CompactIfWorthIt();
        }
    }

    private sealed class PendingWrite(Dictionary<string, (string? Json, string NewETag)> changes) : PendingCommit
    {
        public Dictionary<string, (string? Json, string NewETag)> Changes { get; } = changes;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Committed.TrySetResult();

        public override void Fail(Exception error) => Committed.TrySetException(error);
    }
}
