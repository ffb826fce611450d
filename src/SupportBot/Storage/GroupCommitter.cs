using System.Collections.Concurrent;

namespace SupportBot.Storage;

/// <summary>A write waiting for its group commit; completed (or failed) once the commit is decided.</summary>
internal abstract class PendingCommit
{
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

/// <summary>
/// Group commit: one thread takes every write waiting at that moment and hands them to <c>commit</c> as one
/// batch, so many writers share one fsync. If a batch of several fails, its writes are committed again one by
/// one, so that one bad write fails alone and the others still land. Writes are committed in queue order.
/// </summary>
internal sealed class GroupCommitter<TItem> : IDisposable
    where TItem : PendingCommit
{
    private const int MaxBatch = 1000;

    private readonly Action<IReadOnlyList<TItem>> _commit;
    private readonly BlockingCollection<TItem> _items = [];
    private readonly Thread _thread;
    private int _disposed;

    /// <param name="name">The writer thread's name.</param>
    /// <param name="commit">Makes a batch durable, or throws and leaves nothing of it behind.</param>
    public GroupCommitter(string name, Action<IReadOnlyList<TItem>> commit)
    {
        _commit = commit;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void Add(TItem item) => _items.Add(item);

    /// <summary>Writes waiting for a commit that has not started yet.</summary>
    public int Waiting => _items.Count;

    /// <summary>Commits what is queued, then stops the thread; safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _items.CompleteAdding();
        _thread.Join();
    }

    private void Loop()
    {
        foreach (var first in _items.GetConsumingEnumerable())
        {
            var batch = new List<TItem> { first };
            while (batch.Count < MaxBatch && _items.TryTake(out var next))
            {
                batch.Add(next);
            }

            if (!TryCommit(batch) && batch.Count > 1)
            {
                foreach (var item in batch)
                {
                    TryCommit([item]);
                }
            }
        }
    }

    /// <summary>Commits and completes the batch; false (nothing completed) when a batch of several failed.</summary>
    private bool TryCommit(List<TItem> batch)
    {
        try
        {
            _commit(batch);
        }
        catch (Exception error)
        {
            if (batch.Count > 1)
            {
                return false;
            }

            batch[0].Fail(error);
            return true;
        }

        foreach (var item in batch)
        {
            item.Complete();
        }

        return true;
    }
}
