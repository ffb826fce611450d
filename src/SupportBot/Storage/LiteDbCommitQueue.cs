using System.Collections.Concurrent;
using LiteDB;

namespace SupportBot.Storage;

/// <summary>
/// Group commit for everything SupportBot writes to its LiteDB file. One writer thread takes every write
/// waiting at that moment into a single transaction, so many turns and tickets share one fsync instead of
/// queueing for one each. If a batch fails, its writes are retried one transaction each, so that one bad
/// write (a duplicate number, say) fails alone and the others still commit.
/// </summary>
/// <remarks>
/// A write runs on the writer thread inside the open transaction: it must not begin or commit one itself.
/// Writes run in the order they were queued, which is what makes "read the last serial, write the next"
/// atomic without a lock.
/// </remarks>
public sealed class LiteDbCommitQueue : IDisposable
{
    private const int MaxBatch = 1000;

    private readonly ILiteDatabase _database;
    private readonly BlockingCollection<IPendingWrite> _writes = [];
    private readonly Thread _writer;

    public LiteDbCommitQueue(ILiteDatabase database)
    {
        _database = database;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "SupportBot LiteDB writer" };
        _writer.Start();
    }

    /// <summary>Runs <paramref name="write"/> in the next group transaction; completes when it is committed.</summary>
    public Task<T> EnqueueAsync<T>(Func<T> write)
    {
        var pending = new PendingWrite<T>(write);
        _writes.Add(pending);
        return pending.Committed.Task;
    }

    /// <summary>Completes when everything queued so far is committed.</summary>
    public Task FlushAsync() => EnqueueAsync(() => true);

    public void Dispose()
    {
        _writes.CompleteAdding();
        _writer.Join();
        _writes.Dispose();
    }

    private void WriteLoop()
    {
        foreach (var first in _writes.GetConsumingEnumerable())
        {
            var batch = new List<IPendingWrite> { first };
            while (batch.Count < MaxBatch && _writes.TryTake(out var next))
            {
                batch.Add(next);
            }

            if (!TryCommit(batch) && batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    TryCommit([write]);
                }
            }
        }
    }

    /// <summary>Commits the batch and completes its writes; false (nothing completed) when a batch of several failed.</summary>
    private bool TryCommit(List<IPendingWrite> batch)
    {
        try
        {
            _database.BeginTrans();
            foreach (var write in batch)
            {
                write.Run();
            }

            _database.Commit();
        }
        catch (Exception error)
        {
            _database.Rollback();
            if (batch.Count > 1)
            {
                return false;
            }

            batch[0].Fail(error);
            return true;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }

        return true;
    }

    private interface IPendingWrite
    {
        void Run();
        void Complete();
        void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<T> write) : IPendingWrite
    {
        private T _result = default!;

        public TaskCompletionSource<T> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run() => _result = write();

        public void Complete() => Committed.TrySetResult(_result);

        public void Fail(Exception error) => Committed.TrySetException(error);
    }
}
