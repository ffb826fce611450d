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
internal sealed class ReopenableLiteDatabase(Func<ILiteDatabase> open) : ILiteDatabase
{
    private ILiteDatabase _current = open();

    public ILiteDatabase Current => Volatile.Read(ref _current);

    /// <summary>Closes the engine (dropping what it holds, leaked transactions included) and opens the file again.</summary>
    public void Reopen()
    {
        var old = Current;
        try
        {
            old.Dispose();
        }
        catch (Exception error) when (error is LiteException or IOException or ObjectDisposedException)
        {
            // A broken engine may fail to flush on close; what it had not committed is rolled back either way.
        }

        Volatile.Write(ref _current, open());
    }

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
    public void Dispose() => Current.Dispose();
}
