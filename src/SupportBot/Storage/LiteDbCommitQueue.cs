using SupportBot.Common;
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
/// A failed commit marks the storage faulted (<see cref="Fault"/>, what /healthz reports); before the next commit
/// the file is reopened (at most once a second), so a full disk heals by itself once space is freed.
/// </remarks>
internal sealed class LiteDbCommitQueue : ICommitQueue, IDisposable
{
    private static readonly TimeSpan ReopenInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FaultDrain = TimeSpan.FromSeconds(2);

    private readonly ILiteDatabase _database;
    private readonly TimeProvider _time;
    private readonly GroupCommitter<PendingWrite> _committer;

    // Writer thread only: what the writes of the transaction in progress asked to run once it has committed, or failed.
    private readonly List<Action<bool>> _outcomes = [];
    private volatile string? _fault;
    private DateTimeOffset _reopenedAt = DateTimeOffset.MinValue;

    public LiteDbCommitQueue(ILiteDatabase database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
        _committer = new GroupCommitter<PendingWrite>("SupportBot LiteDB writer", Commit);
    }

    /// <summary>Writes queued behind the commit in progress (tests: turns known to be waiting for their commit).</summary>
    public int Waiting => _committer.Waiting;

    /// <summary>Why the last commit failed, or null when it succeeded.</summary>
    public string? Fault => _fault;

    /// <summary>Runs <paramref name="write"/> in the next group transaction; completes when it is committed.</summary>
    public Task<T> EnqueueAsync<T>(Func<T> write)
    {
        var pending = new PendingWrite<T>(write);
        _committer.Add(pending);
        return pending.Committed.Task;
    }

    /// <summary>Commits every write a turn (or a job) collected, in one transaction; nothing when it wrote nothing.</summary>
    public Task CommitAsync(TurnWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Writes.Count == 0 ? Task.CompletedTask : EnqueueAsync(() =>
        {
            foreach (var write in work.Writes)
            {
                write();
            }

            return true;
        });
    }

    /// <summary>
    /// From inside a write: runs <paramref name="settled"/> on the writer thread once the transaction the write runs in is
    /// decided, in commit order and before any writer hears of it: with true when it committed and its log is synced,
    /// false when the commit or the sync failed (the write may then be in the file or not).
    /// </summary>
    public void OnSettled(Action<bool> settled) => _outcomes.Add(settled);

    /// <summary>Completes when everything queued so far is committed.</summary>
    public Task FlushAsync() => EnqueueAsync(() => true);

    /// <summary>Upserts the health probe's row; a queue that failed before reopens the file first.</summary>
    public Task ProbeAsync() =>
        EnqueueAsync(() => _database.GetCollection("health").Upsert(new BsonDocument { ["_id"] = "probe", ["at"] = _time.GetUtcNow().UtcTicks }));

    public void Dispose() => _committer.Dispose();

    private void Commit(IReadOnlyList<PendingWrite> batch)
    {
        ReopenIfFaulted();
        _outcomes.Clear();
        try
        {
            // Inside the try: an engine left closed (a reopen that could not open the file) fails here, and that
            // must mark the fault like any failed write, or nothing would reopen it.
            _database.BeginTrans();
            foreach (var write in batch)
            {
                write.Run();
            }

            // Also syncs LiteDB's log, once per group commit, before any of its writers hears it is durable (LogSync).
            _database.Commit();
            _fault = null;
        }
        catch (Exception error)
        {
            Settle(committed: false);
            var rolledBack = RollBack();
            if (IsStorageFault(error))
            {
                _fault = $"{error.GetType().Name}: {error.Message}";
            }

            if (!rolledBack)
            {
                // A rollback that fails leaves LiteDB's engine in a state every later read and write fails on (seen
                // under load: "share counter must be > 0" after a group commit failed), and readers on turn threads
                // never pass through here: reopen now, or nothing would ever repair it.
                _fault ??= $"{error.GetType().Name}: {error.Message} (rollback failed)";
                ReopenIfFaulted();
            }

            throw;
        }

        Settle(committed: true);
    }

    private void Settle(bool committed)
    {
        foreach (var settled in _outcomes)
        {
            settled(committed);
        }

        _outcomes.Clear();
    }

    /// <summary>Whether <paramref name="error"/> is the storage failing (disk, file, engine) rather than a write's own logic.</summary>
    public static bool IsStorageFault(Exception error) =>
        error is IOException or UnauthorizedAccessException or ObjectDisposedException
        || (error is LiteException lite && lite.ErrorCode != LiteException.INDEX_DUPLICATE_KEY);

    /// <summary>Rolls the writer's transaction back; false when the engine could not (it is broken and must be reopened).</summary>
    private bool RollBack()
    {
        try
        {
            _database.Rollback();
            return true;
        }
        catch (Exception error) when (IsStorageFault(error))
        {
            // The engine is broken; reopening it discards the transaction with it.
            return false;
        }
    }

    private void ReopenIfFaulted()
    {
        var now = _time.GetUtcNow();
        if (_fault is null || _database is not ReopenableLiteDatabase reopenable || now - _reopenedAt < ReopenInterval)
        {
            return;
        }

        _reopenedAt = now;

        // The failed commit's transaction may still be this thread's (its rollback failed on the same full disk).
        // Rolled back now that writes may work again, it is released properly; left alone, LiteDB's finalizer would
        // discard its pages later on the finalizer thread and throw there, which ends the process.
        _ = RollBack();
        try
        {
            // Waits for the reads inside the engine (turns, jobs) to finish; if one stays past the bound, the engine is left
            // as it is until the next try, a ReopenInterval later.
            _ = reopenable.Reopen(FaultDrain);
        }
        catch (Exception error) when (IsStorageFault(error))
        {
            _fault = $"{error.GetType().Name}: {error.Message}";
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
