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

    /// <summary>The file's engine behind this disk; <see cref="ReopenableLiteDatabase"/> opens it again after a fault.</summary>
    public ILiteEngine Open(string path) =>
        new CommitRefusing(this, new LiteEngine(new EngineSettings { Filename = path }));

    private sealed class CommitRefusing(FailingDisk disk, ILiteEngine inner) : ILiteEngine
    {
        private volatile bool _broken;

        private ILiteEngine Engine => _broken ? throw new LiteException(0, "share counter must be > 0 in Release()") : inner;

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
        public int Checkpoint() => Engine.Checkpoint();
        public long Rebuild(RebuildOptions options) => Engine.Rebuild(options);
        public IBsonDataReader Query(string collection, Query query) => Engine.Query(collection, query);
        public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Engine.Insert(collection, docs, autoId);
        public int Update(string collection, IEnumerable<BsonDocument> docs) => Engine.Update(collection, docs);
        public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Engine.UpdateMany(collection, transform, predicate);
        public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Engine.Upsert(collection, docs, autoId);
        public int Delete(string collection, IEnumerable<BsonValue> ids) => Engine.Delete(collection, ids);
        public int DeleteMany(string collection, BsonExpression predicate) => Engine.DeleteMany(collection, predicate);
        public bool DropCollection(string name) => Engine.DropCollection(name);
        public bool RenameCollection(string name, string newName) => Engine.RenameCollection(name, newName);
        public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Engine.EnsureIndex(collection, name, expression, unique);
        public bool DropIndex(string collection, string name) => Engine.DropIndex(collection, name);
        public BsonValue Pragma(string name) => Engine.Pragma(name);
        public bool Pragma(string name, BsonValue value) => Engine.Pragma(name, value);

        public void Dispose() => inner.Dispose();
    }
}
