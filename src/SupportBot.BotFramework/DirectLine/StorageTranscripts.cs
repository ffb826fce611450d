using System.Collections.Concurrent;
using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Transcripts for one process: those in use are in memory, and every append is also written to <see cref="IStorage"/>
/// (one key per activity, so an append writes only what is new), so a restarted server can replay a conversation to a
/// widget that reconnects with its watermark. Numbers come from the memory copy: only this process appends.
/// </summary>
public sealed class StorageTranscripts(IStorage storage) : IDirectLineTranscripts, IDisposable
{
    private const string IndexKey = "directline/conversations";

    private readonly ConcurrentDictionary<string, Transcript> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private HashSet<string>? _index;
    private int _streams;

    public async Task<bool> CreateAsync(ConversationHeader header, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (await LoadAsync(header.Id, cancellationToken) is not null)
        {
            return false;
        }

        await UpdateIndexAsync(index => index.Add(header.Id), cancellationToken);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [HeaderKey(header.Id)] = Item(header) }, cancellationToken);
        _loaded[header.Id] = new Transcript(header, []);
        return true;
    }

    public async Task<ConversationHeader?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        (await LoadAsync(conversationId, cancellationToken))?.Header;

    public async Task<Activity> AppendAsync(string conversationId, Func<int, Activity> stamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var transcript = await LoadAsync(conversationId, cancellationToken) ?? throw new ConversationEndedException();
        await transcript.Appending.WaitAsync(cancellationToken);
        try
        {
            var header = transcript.Header;
            var sequence = header.Count + 1;
            var stamped = stamp(sequence);
            var next = header with { Count = sequence, LastActive = now };
            await storage.WriteAsync(
                new Dictionary<string, StoreItem> { [ActivityKey(conversationId, sequence)] = Item(stamped), [HeaderKey(conversationId)] = Item(next) },
                cancellationToken);
            transcript.Append(stamped, next);
            return stamped;
        }
        finally
        {
            transcript.Appending.Release();
        }
    }

    public async Task<TranscriptPage> ReadAsync(string conversationId, int after, CancellationToken cancellationToken) =>
        (await LoadAsync(conversationId, cancellationToken))?.After(after) ?? new TranscriptPage([], 0);

    public async Task<Activity?> ReplaceAsync(string conversationId, int sequence, Func<Activity, Activity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await LoadAsync(conversationId, cancellationToken) is not { } transcript)
        {
            return null;
        }

        await transcript.Appending.WaitAsync(cancellationToken);
        try
        {
            if (transcript.At(sequence) is not { } original)
            {
                return null;
            }

            var kept = change(original);
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [ActivityKey(conversationId, sequence)] = Item(kept) }, cancellationToken);
            transcript.Replace(sequence, kept);
            return kept;
        }
        finally
        {
            transcript.Appending.Release();
        }
    }

    public async Task<IReadOnlyList<ConversationHeader>> ListIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var index = await LoadIndexAsync(cancellationToken);
        string[] known;
        lock (index)
        {
            known = [.. index];
        }

        // A conversation not in memory (not used since a restart) is listed by its header alone: loading its whole
        // transcript only for the cleanup to delete it would be wasted reading.
        var headers = new List<ConversationHeader>();
        foreach (var id in known)
        {
            var header = _loaded.TryGetValue(id, out var loaded) ? loaded.Header : await ReadHeaderAsync(id, cancellationToken);
            if (header is null)
            {
                await UpdateIndexAsync(ids => ids.Remove(id), cancellationToken);
            }
            else if (header.LastActive <= cutoff)
            {
                headers.Add(header);
            }
        }

        return headers;
    }

    public async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        var count = (_loaded.TryGetValue(conversationId, out var loaded) ? loaded.Header : await ReadHeaderAsync(conversationId, cancellationToken))?.Count ?? 0;
        await storage.DeleteAsync([HeaderKey(conversationId), .. Enumerable.Range(1, count).Select(sequence => ActivityKey(conversationId, sequence))], cancellationToken);
        _loaded.TryRemove(conversationId, out _);
        await UpdateIndexAsync(index => index.Remove(conversationId), cancellationToken);
    }

    // One process: the order they open here is the whole order, and there is no one else to tell.
    public Task<int> StreamOpeningAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _streams));

    public void Dispose() => _indexLock.Dispose();

    private async Task<Transcript?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(id, out var loaded))
        {
            return loaded;
        }

        if (await ReadHeaderAsync(id, cancellationToken) is not { } header)
        {
            return null;
        }

        var keys = Enumerable.Range(1, header.Count).Select(sequence => ActivityKey(id, sequence)).ToList();
        var stored = await storage.ReadAsync(keys, cancellationToken);
        var activities = keys.Where(stored.ContainsKey).Select(key => stored[key].Document.Deserialize<Activity>(BotJson.Options)!);
        return _loaded.GetOrAdd(id, new Transcript(header, activities));
    }

    private async Task<ConversationHeader?> ReadHeaderAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await storage.ReadAsync([HeaderKey(id)], cancellationToken);
        return stored.TryGetValue(HeaderKey(id), out var item) ? item.Document.Deserialize<ConversationHeader>(BotJson.Options) : null;
    }

    private async Task UpdateIndexAsync(Func<HashSet<string>, bool> change, CancellationToken cancellationToken)
    {
        var index = await LoadIndexAsync(cancellationToken);
        await _indexLock.WaitAsync(cancellationToken);
        try
        {
            string[] ids;
            lock (index)
            {
                if (!change(index))
                {
                    return;
                }

                ids = [.. index];
            }

            await storage.WriteAsync(new Dictionary<string, StoreItem> { [IndexKey] = Item(ids) }, cancellationToken);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private async Task<HashSet<string>> LoadIndexAsync(CancellationToken cancellationToken)
    {
        if (_index is { } loaded)
        {
            return loaded;
        }

        var stored = await storage.ReadAsync([IndexKey], cancellationToken);
        var ids = stored.TryGetValue(IndexKey, out var item) ? item.Document.Deserialize<string[]>(BotJson.Options) ?? [] : [];
        Interlocked.CompareExchange(ref _index, new HashSet<string>(ids, StringComparer.Ordinal), null);
        return _index;
    }

    private static StoreItem Item<T>(T value) => new(JsonSerializer.SerializeToElement(value, BotJson.Options), ETags.Any);

    private static string HeaderKey(string id) => $"directline/{id}";

    private static string ActivityKey(string id, int sequence) => $"directline/{id}/{sequence}";

    /// <summary>One transcript in memory: its header and activities, and the lock that keeps numbers, storage and memory in step.</summary>
    private sealed class Transcript(ConversationHeader header, IEnumerable<Activity> activities)
    {
        private readonly Lock _lock = new();
        private readonly List<Activity> _activities = [.. activities];
        private ConversationHeader _header = header with { Count = 0 };

        public SemaphoreSlim Appending { get; } = new(1, 1);

        public ConversationHeader Header
        {
            get
            {
                lock (_lock)
                {
                    return _header with { Count = _activities.Count };
                }
            }
        }

        public void Append(Activity stamped, ConversationHeader header)
        {
            lock (_lock)
            {
                _activities.Add(stamped);
                _header = header;
            }
        }

        public Activity? At(int sequence)
        {
            lock (_lock)
            {
                return sequence >= 1 && sequence <= _activities.Count ? _activities[sequence - 1] : null;
            }
        }

        public void Replace(int sequence, Activity kept)
        {
            lock (_lock)
            {
                _activities[sequence - 1] = kept;
            }
        }

        public TranscriptPage After(int watermark)
        {
            lock (_lock)
            {
                var from = Math.Clamp(watermark, 0, _activities.Count);
                return new TranscriptPage(_activities.GetRange(from, _activities.Count - from), _activities.Count);
            }
        }
    }
}
