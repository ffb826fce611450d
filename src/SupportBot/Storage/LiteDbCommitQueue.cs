using LiteDB;

namespace SupportBot.Storage;

/// <summary>
/// Group commit for everything SupportBot writes to its LiteDB file: every write waiting at that moment runs in
/// a single transaction, so many turns and tickets share one commit instead of queueing for one each
/// (<see cref="GroupCommitter{TItem}"/>; a bad write, a duplicate number say, fails alone).
/// </summary>
/// <remarks>
/// A write runs on the writer thread inside the open transaction: it must not begin or commit one itself.
/// Writes run in the order they were queued, which is what makes "read the last serial, write the next"
/// atomic without a lock.
/// </remarks>
public sealed class LiteDbCommitQueue : IDisposable
{
    private readonly ILiteDatabase _database;
    private readonly GroupCommitter<PendingWrite> _committer;

    public LiteDbCommitQueue(ILiteDatabase database)
    {
        _database = database;
        _committer = new GroupCommitter<PendingWrite>("SupportBot LiteDB writer", Commit);
    }

    /// <summary>Runs <paramref name="write"/> in the next group transaction; completes when it is committed.</summary>
    public Task<T> EnqueueAsync<T>(Func<T> write)
    {
        var pending = new PendingWrite<T>(write);
        _committer.Add(pending);
        return pending.Committed.Task;
    }

    /// <summary>Completes when everything queued so far is committed.</summary>
    public Task FlushAsync() => EnqueueAsync(() => true);

    public void Dispose() => _committer.Dispose();

    private void Commit(IReadOnlyList<PendingWrite> batch)
    {
        _database.BeginTrans();
        try
        {
            foreach (var write in batch)
            {
                write.Run();
            }

            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    private abstract class PendingWrite : PendingCommit
    {
        public abstract void Run();
    }

    private sealed class PendingWrite<T>(Func<T> write) : PendingWrite
    {
        private T _result = default!;

        public TaskCompletionSource<T> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run() => _result = write();

        public override void Complete() => Committed.TrySetResult(_result);

        public override void Fail(Exception error) => Committed.TrySetException(error);
    }
}
