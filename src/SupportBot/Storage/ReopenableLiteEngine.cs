using LiteDB;
using LiteDB.Engine;

namespace SupportBot.Storage;

/// <summary>One opening of the database file: the engine, and the streams the caller opened for it (LiteDB leaves those open).</summary>
/// <param name="Engine">LiteDB's engine over the file.</param>
/// <param name="Log">The log, synced here after each explicit commit (<see cref="LogSync"/>), when the engine runs on it.</param>
/// <param name="Data">The data file, closed here after the engine.</param>
internal sealed record LiteFileOpening(ILiteEngine Engine, LogSync? Log = null, Stream? Data = null);

/// <summary>
/// LiteDB's engine behind a door that lets it be closed and opened again while the app runs: after a failed write (a
/// full disk) the engine can stay unusable until it is reopened, and its page cache (LiteDB 5.0.20 never gives back a
/// page it once held) is only released by closing it. Every call into the engine passes the door; a reopen shuts it,
/// waits until no call, open query or explicit transaction is inside, and swaps the engine.
/// </summary>
/// <remarks>
/// The door sits at the engine, not at the collections, so that a query being read lazily (a store's
/// <c>IEnumerable</c>) holds it until the reader is disposed, and a collection made before a reopen works after it.
/// Queries are counted, not tied to a thread: an enumeration may be finished on another thread than it began.
/// </remarks>
internal sealed partial class ReopenableLiteEngine : ILiteEngine
{
    private readonly Func<LiteFileOpening> _open;
    private readonly Action? _closed;
    private readonly Door _door = new();

    // One reopen at a time: the commit queue's after a fault and the idle trim's could otherwise both swap the engine.
    private readonly object _reopening = new();

    // The explicit transaction a thread holds (LiteDB's transactions belong to a thread): it keeps the door's count from
    // BeginTrans to Commit or Rollback, so a reopen never discards a group commit half written.
    private readonly ThreadLocal<bool> _inTransaction = new();
    private LiteFileOpening _current;
    private int _disposed;

    public ReopenableLiteEngine(Func<LiteFileOpening> open, Action? closed = null)
    {
        _open = open;
        _closed = closed;
        _current = open();
    }

    /// <summary>
    /// Closes the engine (dropping its page cache, and leaked transactions with it) and opens the file again, once
    /// nothing is inside; false, and nothing changed, when something stayed inside for <paramref name="drain"/>.
    /// </summary>
    public bool Reopen(TimeSpan drain)
    {
        // A transaction of the calling thread would never leave: its engine is the one being closed, which discards it.
        LeaveTransaction();
        if (!Monitor.TryEnter(_reopening, drain))
        {
            return false;
        }

        try
        {
            if (!_door.TryShut(drain))
            {
                return false;
            }

            try
            {
                // If the file cannot be opened again, the closed engine stays: every call fails as a storage fault, and
                // the commit queue's next commit marks the fault and reopens (at most once a second) until it opens.
                Close(_current);
                _current = _open();
            }
            finally
            {
                _door.Open();
            }

            return true;
        }
        finally
        {
            Monitor.Exit(_reopening);
        }
    }

    public bool BeginTrans()
    {
        _door.Enter(alreadyInside: _inTransaction.Value);
        var began = false;
        try
        {
            began = _current.Engine.BeginTrans();
            return began;
        }
        finally
        {
            if (began)
            {
                _inTransaction.Value = true;
            }
            else
            {
                _door.Leave();
            }
        }
    }

    /// <summary>
    /// Commits the thread's transaction and, when LiteDB's own log syncs are deferred (<see cref="LogSync"/>), makes it
    /// durable: one sync per commit (the commit queue's group commit), before its writers hear it is done. Both happen
    /// inside the door, so a reopen cannot come between the commit and its sync.
    /// </summary>
    public bool Commit()
    {
        try
        {
            return Pass(opening =>
            {
                var committed = opening.Engine.Commit();
                if (committed)
                {
                    opening.Log?.Sync();
                }

                return committed;
            });
        }
        finally
        {
            LeaveTransaction();
        }
    }

    public bool Rollback()
    {
        try
        {
            return Pass(opening => opening.Engine.Rollback());
        }
        finally
        {
            LeaveTransaction();
        }
    }

    public IBsonDataReader Query(string collection, Query query)
    {
        _door.Enter(alreadyInside: _inTransaction.Value);
        try
        {
            return new CountedReader(_current.Engine.Query(collection, query), _door);
        }
        catch
        {
            _door.Leave();
            throw;
        }
    }

    public int Checkpoint() => Pass(opening => opening.Engine.Checkpoint());
    public long Rebuild(RebuildOptions options) => Pass(opening => opening.Engine.Rebuild(options));
    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Pass(opening => opening.Engine.Insert(collection, docs, autoId));
    public int Update(string collection, IEnumerable<BsonDocument> docs) => Pass(opening => opening.Engine.Update(collection, docs));
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Pass(opening => opening.Engine.UpdateMany(collection, transform, predicate));
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Pass(opening => opening.Engine.Upsert(collection, docs, autoId));
    public int Delete(string collection, IEnumerable<BsonValue> ids) => Pass(opening => opening.Engine.Delete(collection, ids));
    public int DeleteMany(string collection, BsonExpression predicate) => Pass(opening => opening.Engine.DeleteMany(collection, predicate));
    public bool DropCollection(string name) => Pass(opening => opening.Engine.DropCollection(name));
    public bool RenameCollection(string name, string newName) => Pass(opening => opening.Engine.RenameCollection(name, newName));
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Pass(opening => opening.Engine.EnsureIndex(collection, name, expression, unique));
    public bool DropIndex(string collection, string name) => Pass(opening => opening.Engine.DropIndex(collection, name));
    public BsonValue Pragma(string name) => Pass(opening => opening.Engine.Pragma(name));
    public bool Pragma(string name, BsonValue value) => Pass(opening => opening.Engine.Pragma(name, value));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            Close(_current);
        }
        finally
        {
            _inTransaction.Dispose();
            _closed?.Invoke();
        }
    }

    private T Pass<T>(Func<LiteFileOpening, T> call)
    {
        _door.Enter(alreadyInside: _inTransaction.Value);
        try
        {
            return call(_current);
        }
        finally
        {
            _door.Leave();
        }
    }

    private void LeaveTransaction()
    {
        if (_inTransaction.Value)
        {
            _inTransaction.Value = false;
            _door.Leave();
        }
    }

    private static void Close(LiteFileOpening file)
    {
        try
        {
            file.Engine.Dispose();
        }
        catch (Exception error) when (error is LiteException or IOException or ObjectDisposedException)
        {
            // A broken engine may fail to flush on close; what it had not committed is rolled back either way.
        }
        finally
        {
            file.Data?.Dispose();
            file.Log?.Dispose();
        }
    }
}
