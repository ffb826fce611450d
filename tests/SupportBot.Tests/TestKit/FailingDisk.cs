using LiteDB;
using LiteDB.Engine;
using SupportBot.Storage;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A disk that can be made to refuse every commit, as a full disk does ("No space left on device"). The failure is
/// injected in front of LiteDB's commit rather than inside its page writer: LiteDB 5.0.20 leaks the transaction of a
/// commit that fails mid-write, and its finalizer later ends the process (see the README's storage notes).
/// </summary>
internal sealed class FailingDisk
{
    public volatile bool Full;

    /// <summary>
    /// The next commit fails and LiteDB's rollback of it then fails too, leaving that engine refusing every later call,
    /// as LiteDB 5.0.20 was seen doing under load ("share counter must be > 0 in Release()"). Only a reopen mends it.
    /// </summary>
    public volatile bool BreakNextCommit;

    public ILiteDatabase Open(string path) =>
        new CommitRefusing(this, new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, SupportBotBsonMapper.Create()));

    private sealed class CommitRefusing(FailingDisk disk, ILiteDatabase inner) : ILiteDatabase
    {
        private volatile bool _broken;

        private ILiteDatabase Engine => _broken ? throw new LiteException(0, "share counter must be > 0 in Release()") : inner;

        public BsonMapper Mapper => inner.Mapper;
        public ILiteStorage<string> FileStorage => inner.FileStorage;
        public int UserVersion { get => inner.UserVersion; set => inner.UserVersion = value; }
        public TimeSpan Timeout { get => inner.Timeout; set => inner.Timeout = value; }
        public bool UtcDate { get => inner.UtcDate; set => inner.UtcDate = value; }
        public long LimitSize { get => inner.LimitSize; set => inner.LimitSize = value; }
        public int CheckpointSize { get => inner.CheckpointSize; set => inner.CheckpointSize = value; }
        public Collation Collation => inner.Collation;

        public ILiteCollection<T> GetCollection<T>(string name, BsonAutoId autoId = BsonAutoId.ObjectId) => Engine.GetCollection<T>(name, autoId);
        public ILiteCollection<T> GetCollection<T>() => Engine.GetCollection<T>();
        public ILiteCollection<T> GetCollection<T>(BsonAutoId autoId) => Engine.GetCollection<T>(autoId);
        public ILiteCollection<BsonDocument> GetCollection(string name, BsonAutoId autoId = BsonAutoId.ObjectId) => Engine.GetCollection(name, autoId);
        public bool BeginTrans() => inner.BeginTrans();
        public bool Commit()
        {
            if (disk.BreakNextCommit)
            {
                disk.BreakNextCommit = false;
                inner.Rollback();
                _broken = true;
                throw new InvalidOperationException("A write of the group failed.");
            }

            if (disk.Full)
            {
                // Refused before LiteDB writes anything: its transaction is rolled back cleanly, as the queue expects.
                inner.Rollback();
                throw new IOException("No space left on device");
            }

            return inner.Commit();
        }
        public bool Rollback() => Engine.Rollback();
        public ILiteStorage<TFileId> GetStorage<TFileId>(string filesCollection = "_files", string chunksCollection = "_chunks") => inner.GetStorage<TFileId>(filesCollection, chunksCollection);
        public IEnumerable<string> GetCollectionNames() => inner.GetCollectionNames();
        public bool CollectionExists(string name) => inner.CollectionExists(name);
        public bool DropCollection(string name) => inner.DropCollection(name);
        public bool RenameCollection(string oldName, string newName) => inner.RenameCollection(oldName, newName);
        public IBsonDataReader Execute(TextReader commandReader, BsonDocument? parameters = null) => inner.Execute(commandReader, parameters);
        public IBsonDataReader Execute(string command, BsonDocument? parameters = null) => inner.Execute(command, parameters);
        public IBsonDataReader Execute(string command, params BsonValue[] args) => inner.Execute(command, args);
        public void Checkpoint() => inner.Checkpoint();
        public long Rebuild(RebuildOptions? options = null) => inner.Rebuild(options);
        public BsonValue Pragma(string name) => inner.Pragma(name);
        public BsonValue Pragma(string name, BsonValue value) => inner.Pragma(name, value);

        public void Dispose() => inner.Dispose();
    }
}
