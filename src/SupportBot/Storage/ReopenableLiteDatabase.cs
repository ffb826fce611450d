using LiteDB;
using LiteDB.Engine;

namespace SupportBot.Storage;

/// <summary>
/// The process's one <see cref="ILiteDatabase"/>, able to close and open its file again. After a failed write (a
/// full disk) LiteDB's engine can stay unusable ("Maximum number of transactions reached") until it is reopened;
/// the commit queue does that on its writer thread, so the app recovers when the cause goes, without a restart.
/// </summary>
/// <remarks>
/// Callers must not keep a collection across calls: a collection belongs to the engine it came from. Every store
/// asks for its collection per operation (cheap: a lookup and a small object).
/// </remarks>
internal sealed class ReopenableLiteDatabase : ILiteDatabase
{
    private readonly Func<(ILiteDatabase Database, LogSync? Log, Stream? Data)> _open;
    private readonly Action? _closed;
    private Opened _current;
    private int _disposed;

    public ReopenableLiteDatabase(Func<ILiteDatabase> open)
        : this(() => (open(), null, null))
    {
    }

    /// <param name="open">
    /// Opens the file: the engine, and when it runs on streams the caller opened (LiteDB leaves those open), the log
    /// whose syncs the commit queue makes (<see cref="SyncLog"/>) and the data file, closed here with the engine.
    /// </param>
    /// <param name="closed">Called once the file is closed for good (<see cref="Dispose"/>).</param>
    public ReopenableLiteDatabase(Func<(ILiteDatabase Database, LogSync? Log, Stream? Data)> open, Action? closed = null)
    {
        _open = open;
        _closed = closed;
        _current = new Opened(open());
    }

    public ILiteDatabase Current => Volatile.Read(ref _current).File.Database;

    /// <summary>Makes the last commit durable when LiteDB's own log syncs are deferred (<see cref="LogSync"/>).</summary>
    public void SyncLog() => Volatile.Read(ref _current).File.Log?.Sync();

    /// <summary>Closes the engine (dropping what it holds, leaked transactions included) and opens the file again.</summary>
    public void Reopen()
    {
        Close(Volatile.Read(ref _current).File);
        Volatile.Write(ref _current, new Opened(_open()));
    }

    private static void Close((ILiteDatabase Database, LogSync? Log, Stream? Data) file)
    {
        try
        {
            file.Database.Dispose();
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

    // A reference, so that a reader never sees the engine of one opening with the log of another.
    private sealed record Opened((ILiteDatabase Database, LogSync? Log, Stream? Data) File);

    public BsonMapper Mapper => Current.Mapper;
    public ILiteStorage<string> FileStorage => Current.FileStorage;
    public int UserVersion { get => Current.UserVersion; set => Current.UserVersion = value; }
    public TimeSpan Timeout { get => Current.Timeout; set => Current.Timeout = value; }
    public bool UtcDate { get => Current.UtcDate; set => Current.UtcDate = value; }
    public long LimitSize { get => Current.LimitSize; set => Current.LimitSize = value; }
    public int CheckpointSize { get => Current.CheckpointSize; set => Current.CheckpointSize = value; }
    public Collation Collation => Current.Collation;

    public ILiteCollection<T> GetCollection<T>(string name, BsonAutoId autoId = BsonAutoId.ObjectId) => Current.GetCollection<T>(name, autoId);
    public ILiteCollection<T> GetCollection<T>() => Current.GetCollection<T>();
    public ILiteCollection<T> GetCollection<T>(BsonAutoId autoId) => Current.GetCollection<T>(autoId);
    public ILiteCollection<BsonDocument> GetCollection(string name, BsonAutoId autoId = BsonAutoId.ObjectId) => Current.GetCollection(name, autoId);
    public bool BeginTrans() => Current.BeginTrans();
    public bool Commit() => Current.Commit();
    public bool Rollback() => Current.Rollback();
    public ILiteStorage<TFileId> GetStorage<TFileId>(string filesCollection = "_files", string chunksCollection = "_chunks") => Current.GetStorage<TFileId>(filesCollection, chunksCollection);
    public IEnumerable<string> GetCollectionNames() => Current.GetCollectionNames();
    public bool CollectionExists(string name) => Current.CollectionExists(name);
    public bool DropCollection(string name) => Current.DropCollection(name);
    public bool RenameCollection(string oldName, string newName) => Current.RenameCollection(oldName, newName);
    public IBsonDataReader Execute(TextReader commandReader, BsonDocument? parameters = null) => Current.Execute(commandReader, parameters);
    public IBsonDataReader Execute(string command, BsonDocument? parameters = null) => Current.Execute(command, parameters);
    public IBsonDataReader Execute(string command, params BsonValue[] args) => Current.Execute(command, args);
    public void Checkpoint() => Current.Checkpoint();
    public long Rebuild(RebuildOptions? options = null) => Current.Rebuild(options);
    public BsonValue Pragma(string name) => Current.Pragma(name);
    public BsonValue Pragma(string name, BsonValue value) => Current.Pragma(name, value);
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            Close(Volatile.Read(ref _current).File);
        }
        finally
        {
            _closed?.Invoke();
        }
    }
}
