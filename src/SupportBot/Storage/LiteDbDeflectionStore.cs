using LiteDB;
using SupportBot.Common;
using SupportBot.Knowledge;

namespace SupportBot.Storage;

/// <summary>Deflection records in the database file, written in the turn that offered or settled them.</summary>
internal sealed class LiteDbDeflectionStore : IDeflectionStore
{
    private const string CollectionName = "deflections";
    private const string OfferedAt = "$.OfferedAt.utc";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;

    public LiteDbDeflectionStore(ILiteDatabase database, LiteDbCommitQueue commits)
    {
        _database = database;
        _commits = commits;
        LiteDbCollections.Existing(database, CollectionName);
        Records.EnsureIndex("OfferedAt", OfferedAt);
    }

    private ILiteCollection<DeflectionRecord> Records => _database.GetCollection<DeflectionRecord>(CollectionName);

    public DeflectionRecord? Find(string id) =>
        TurnWork.Current is { } work && work.Items.TryGetValue((this, id), out var mine) ? (DeflectionRecord)mine : Records.ByKey(id);

    public async Task SaveAsync(DeflectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (TurnWork.Current is { } work)
        {
            work.Items[(this, record.Id)] = record;
            work.Write(() => Records.Upsert(record));
            return;
        }

        await _commits.EnqueueAsync(() => Records.Upsert(record));
    }

    /// <summary>Every record: what a move to another engine copies.</summary>
    internal static IEnumerable<DeflectionRecord> All(ILiteDatabase database) => database.GetCollection<DeflectionRecord>(CollectionName).FindAll();

    public IEnumerable<DeflectionRecord> Between(DateTimeOffset from, DateTimeOffset to) =>
        Records.Query().Where(LiteFilter.Where.Between(OfferedAt, from.UtcTicks, to.UtcTicks - 1).Expression()).OrderBy(OfferedAt).ToEnumerable();
}
