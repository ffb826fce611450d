using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line conversations and their transcripts. Live ones are in memory; every appended activity is also
/// written to <see cref="IStorage"/> (one key per activity, so an append writes only what is new), so a restarted
/// server can replay a conversation to a widget that reconnects with its watermark.
/// </summary>
public sealed class DirectLineConversations(IStorage storage, TimeProvider time, IOptions<DirectLineOptions> options) : IDisposable
{
    private const string IndexKey = "directline/conversations";

    private readonly ConcurrentDictionary<string, DirectLineConversation> _live = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private HashSet<string>? _index;

    public async Task<DirectLineConversation> CreateAsync(string id, string userId, string? userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = new DirectLineConversation(new ConversationHeader(id, userId, userName, 0, now, now), []);
        await UpdateIndexAsync(index => index.Add(id), cancellationToken);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [HeaderKey(id)] = Item(conversation.Header) }, cancellationToken);
        _live[id] = conversation;
        return conversation;
    }

    /// <summary>The conversation, from memory or (after a restart) from storage; null when it never existed or has ended.</summary>
    public async Task<DirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_live.TryGetValue(id, out var live))
        {
            return live;
        }

        if (await ReadHeaderAsync(id, cancellationToken) is not { } header)
        {
            return null;
        }

        var keys = Enumerable.Range(1, header.Count).Select(sequence => ActivityKey(id, sequence)).ToList();
        var stored = await storage.ReadAsync(keys, cancellationToken);
        var activities = keys.Where(stored.ContainsKey).Select(key => stored[key].Document.Deserialize<Activity>(BotJson.Options)!);
        return _live.GetOrAdd(id, new DirectLineConversation(header, activities));
    }

    /// <summary>Gives the activity its id and server timestamp, keeps it, and tells the live stream.</summary>
    public async Task<Activity> AppendAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        var now = time.GetUtcNow();
        await conversation.Appending.WaitAsync(cancellationToken);
        try
        {
            var sequence = conversation.Watermark + 1;
            var stamped = activity with { Id = DirectLineConversation.ActivityId(conversation.Id, sequence), Timestamp = now };
            conversation.Touch(now);
            await storage.WriteAsync(
                new Dictionary<string, StoreItem>
                {
                    [ActivityKey(conversation.Id, sequence)] = Item(stamped),
                    [HeaderKey(conversation.Id)] = Item(conversation.Header with { Count = sequence }),
                },
                cancellationToken);
            conversation.Append(stamped);
            return stamped;
        }
        finally
        {
            conversation.Appending.Release();
        }
    }

    public async Task<bool> ReplaceAsync(DirectLineConversation conversation, Activity updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(updated);
        await conversation.Appending.WaitAsync(cancellationToken);
        try
        {
            if (conversation.SequenceOf(updated.Id) is not { } sequence || conversation.At(sequence) is not { } original)
            {
                return false;
            }

            var kept = updated with { Timestamp = original.Timestamp };
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [ActivityKey(conversation.Id, sequence)] = Item(kept) }, cancellationToken);
            conversation.Replace(sequence, kept);
            return true;
        }
        finally
        {
            conversation.Appending.Release();
        }
    }

    /// <summary>
    /// Ends the conversations nobody has used for the idle timeout, deleting their transcripts, except those
    /// <paramref name="retention"/> still needs; returns the ids of those ended.
    /// </summary>
    public async Task<IReadOnlyList<string>> EndIdleAsync(IEnumerable<IConversationRetention> retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var keepers = retention.ToList();
        var cutoff = time.GetUtcNow() - options.Value.ConversationIdleTimeout;
        var index = await LoadIndexAsync(cancellationToken);
        string[] known;
        lock (index)
        {
            known = [.. index];
        }

        var ended = new List<string>();
        foreach (var id in known)
        {
            // A conversation not in memory (not used since a restart) is judged by its header alone: loading its
            // whole transcript only to delete it would be wasted reading.
            var header = _live.TryGetValue(id, out var live) ? live.Header : await ReadHeaderAsync(id, cancellationToken);
            if (header is null || (header.LastActive <= cutoff && !await AnyKeepsAsync(keepers, id, cancellationToken)))
            {
                await EndAsync(id, header?.Count ?? 0, cancellationToken);
                ended.Add(id);
            }
        }

        return ended;
    }

    private static async Task<bool> AnyKeepsAsync(List<IConversationRetention> keepers, string id, CancellationToken cancellationToken)
    {
        foreach (var keeper in keepers)
        {
            if (await keeper.KeepAsync(id, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private async Task EndAsync(string id, int count, CancellationToken cancellationToken)
    {
        await storage.DeleteAsync([HeaderKey(id), .. Enumerable.Range(1, count).Select(sequence => ActivityKey(id, sequence))], cancellationToken);
        if (_live.TryRemove(id, out var live))
        {
            live.End();
        }

        await UpdateIndexAsync(index => index.Remove(id), cancellationToken);
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

    public void Dispose() => _indexLock.Dispose();

    private static StoreItem Item<T>(T value) => new(JsonSerializer.SerializeToElement(value, BotJson.Options), ETags.Any);

    private static string HeaderKey(string id) => $"directline/{id}";

    private static string ActivityKey(string id, int sequence) => $"directline/{id}/{sequence}";
}
