using System.Collections.Concurrent;
using LiteDB;

namespace SupportBot.Storage;

/// <summary>
/// The committed version of recently used bot-state rows (or the fact that a key has none), so that a turn does not
/// read through LiteDB's query pipeline the row its conversation's previous turn just wrote, or the user's row every
/// turn reads. Bounded: past its capacity the oldest entries go; a row not held is read from the database,
/// which stays the one source of truth.
/// </summary>
/// <remarks>
/// The commit queue's writer changes entries only once the transaction that wrote them has committed
/// (<see cref="LiteDbCommitQueue.OnSettled"/>), in commit order, before any turn hears of it; a failed commit drops
/// them. A row read from the database is kept only if no commit settled while it was read (<see cref="Generation"/>):
/// otherwise a slow read could put back an older row after a newer commit. So an entry is never older than the file.
/// Reading a row its previous turn wrote cost ~26 KB of allocation in LiteDB (the page is still in its log): a tenth of
/// everything an intake turn allocated. Entries are shared: callers copy a row before changing it.
/// </remarks>
internal sealed class CommittedRows(int capacity = CommittedRows.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _rows = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();
    private long _generation;

    public int Count => _rows.Count;

    /// <summary>Changes whenever a commit settles; read before reading a row from the database, to <see cref="Offer"/> it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>True with the committed row (null: the key has none) when it is held.</summary>
    public bool TryGet(string key, out BsonDocument? row)
    {
        var found = _rows.TryGetValue(key, out var entry);
        row = entry?.Row;
        return found;
    }

    /// <summary>A row read from the database, kept unless a commit settled since <paramref name="generation"/>.</summary>
    public void Offer(string key, BsonDocument? row, long generation)
    {
        lock (_gate)
        {
            if (_generation == generation && _rows.TryAdd(key, new Entry(row)))
            {
                Admitted(key);
            }
        }
    }

    /// <summary>One commit's outcome for its rows, applied together: the rows as committed (null: deleted), or dropped when it failed.</summary>
    public void Settle(IReadOnlyList<(string Key, BsonDocument? Row)> rows, bool committed)
    {
        lock (_gate)
        {
            foreach (var (key, row) in rows)
            {
                if (!committed)
                {
                    // The write may or may not be in the file: the next read goes to the database.
                    _rows.TryRemove(key, out _);
                }
                else if (_rows.TryAdd(key, new Entry(row)))
                {
                    Admitted(key);
                }
                else
                {
                    _rows[key] = new Entry(row);
                }
            }

            _generation++;
        }
    }

    private void Admitted(string key)
    {
        _order.Enqueue(key);

        // A key dropped and admitted again is queued twice; its older place may evict it early, which is only a miss.
        while ((_rows.Count > capacity || _order.Count > 2 * capacity) && _order.TryDequeue(out var oldest))
        {
            _rows.TryRemove(oldest, out _);
        }
    }

    private sealed record Entry(BsonDocument? Row);
}
