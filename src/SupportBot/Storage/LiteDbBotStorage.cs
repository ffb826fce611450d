using System.Globalization;
using System.Text.Json;
using LiteDB;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Bot state (dialog stacks, reporter profiles) in LiteDB's <c>botstate</c> collection: the state as JSON text (the
/// dialog engine's own JSON, returned byte for byte) and an ETag per key. Inside a turn a write joins the turn's
/// transaction (<see cref="TurnWork"/>) and later reads of the same turn see it; outside a turn it commits alone.
/// A conversation's row also carries the ids of the activities it has handled (<see cref="HandledActivities"/>).
/// </summary>
/// <remarks>
/// The rows the last commits wrote are held (<see cref="CommittedRows"/>, bounded, filled only by the writer after a
/// commit), so the next turn of a conversation does not read its row back through LiteDB's query pipeline; everything
/// else is read from the database. Turns of one conversation run one at a time in this process, so an ETag checked
/// against the committed value plus the turn's own writes cannot be overtaken before the turn commits.
/// </remarks>
internal sealed class LiteDbBotStorage(ILiteDatabase database, LiteDbCommitQueue commits) : IStorage
{
    private const string CollectionName = "botstate";
    private readonly CommittedRows _committed = new();

    private ILiteCollection<BsonDocument> States => database.GetCollection(CollectionName);

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>();
        foreach (var key in keys)
        {
            if (Current(key) is { Json: { } json, ETag: var etag })
            {
                found[key] = new StoreItem(JsonDocument.Parse(json).RootElement, etag);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var written = Write(changes.ToDictionary(c => c.Key, c => ((string?)c.Value.Document.GetRawText(), c.Value.ETag)));
        return written.ContinueWith(
            task => (IReadOnlyDictionary<string, string>)task.Result.ToDictionary(c => c.Key, c => c.Value),
            cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Write(keys.ToDictionary(k => k, _ => ((string?)null, (string?)ETags.Any)));
    }

    /// <summary>
    /// Every row: its key, the dialog engine's JSON (null once the state was deleted) and the hashes of the activities it
    /// handled (<see cref="HandledActivities"/>): what a move to another engine copies.
    /// </summary>
    internal static IEnumerable<(string Key, string? Json, long[] Handled)> All(ILiteDatabase database) =>
        database.GetCollection(CollectionName).FindAll().Select(row => (
            row["_id"].AsString,
            row.TryGetValue("json", out var json) && json.IsString ? json.AsString : null,
            row.TryGetValue(HandledActivities.Field, out var handled) && handled.IsArray ? handled.AsArray.Select(hash => hash.AsInt64).ToArray() : []));

    /// <summary>Writes a state record as the journal migration found it (start-up, before any turn).</summary>
    internal static void Import(ILiteDatabase database, string key, string json, string etag) =>
        database.GetCollection(CollectionName).Upsert(Document(key, json, etag));

    /// <summary>
    /// The row of <paramref name="key"/> as <paramref name="work"/> will leave it: its own write if it made one, else the
    /// committed row, read once (the turn's later reads of that key use it). Null when there is none. Only for the
    /// turn's own conversation, whose turns run one at a time: a user's row can change under a turn in another conversation.
    /// </summary>
    internal BsonDocument? Row(TurnWork work, string key)
    {
        var turn = Turn(work);
        return turn.Known(key, out var row) ? row : turn.Read[key] = Committed(key);
    }

    /// <summary>
    /// Sets <paramref name="field"/> on the row of <paramref name="key"/> in the turn's transaction, beside whatever the turn
    /// wrote there (or keeping the state as it is, or on a row without state). Not a state change: the ETag stays. Called
    /// after the turn's own state writes.
    /// </summary>
    internal void Amend(TurnWork work, string key, string field, BsonValue value)
    {
        var turn = Turn(work);
        if (turn.Written.TryGetValue(key, out var mine))
        {
            mine.Document ??= new BsonDocument { ["_id"] = key };
            mine.Document[field] = value;
            return;
        }

        var row = Row(work, key) is { } stored ? new BsonDocument(stored.ToDictionary()) : new BsonDocument { ["_id"] = key };
        row[field] = value;
        var amended = new PendingRow(key, row);
        turn.Written[key] = amended;
        work.Write(() => Apply([amended]));
    }

    private Task<Dictionary<string, string>> Write(Dictionary<string, (string? Json, string? ETag)> changes)
    {
        var work = TurnWork.Current;
        foreach (var (key, (_, etag)) in changes)
        {
            if (etag is not (null or ETags.Any) && !ETags.Matches(etag, Current(key)?.ETag))
            {
                throw new StorageConflictException($"'{key}' was changed by someone else (ETag {etag} is stale).");
            }
        }

        var etags = changes.ToDictionary(c => c.Key, _ => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));

        // Documents built here, on the turn's thread: the writer thread only stores them.
        var rows = new List<PendingRow>(changes.Count);
        foreach (var (key, (json, _)) in changes)
        {
            var row = new PendingRow(key, json is null ? null : Document(key, json, etags[key]));
            if (Before(work, key) is { } before && before.TryGetValue(HandledActivities.Field, out var handled))
            {
                // A state write replaces the row; the activities it records stay with it (a conversation reset too).
                row.Document ??= new BsonDocument { ["_id"] = key };
                row.Document[HandledActivities.Field] = handled;
            }

            rows.Add(row);
            if (work is not null)
            {
                Turn(work).Written[key] = row;
            }
        }

        if (work is null)
        {
            return commits.EnqueueAsync(() => { Apply(rows); return etags; });
        }

        work.Write(() => Apply(rows));
        return Task.FromResult(etags);
    }

    /// <summary>
    /// The row a write of <paramref name="key"/> replaces: as this turn has it (or read it), else as committed. Outside a
    /// turn (a proactive message) the caller holds the conversation, so nothing commits in between.
    /// </summary>
    private BsonDocument? Before(TurnWork? work, string key) =>
        work is not null && Turn(work).Known(key, out var row) ? row : Committed(key);

    /// <summary>The committed row: the one the last commit wrote when it is still held, else the database's.</summary>
    private BsonDocument? Committed(string key)
    {
        if (_committed.TryGet(key, out var held))
        {
            return held;
        }

        var generation = _committed.Generation;
        var row = States.ByKey(key);
        _committed.Offer(key, row, generation);
        return row;
    }

    /// <summary>Stores <paramref name="rows"/> in the writer's transaction; once committed they are the rows held for their keys.</summary>
    private void Apply(IReadOnlyList<PendingRow> rows)
    {
        var settled = new List<(string Key, BsonDocument? Row)>(rows.Count);
        foreach (var row in rows)
        {
            row.Apply(States);
            settled.Add((row.Key, row.Document));
        }

        commits.OnSettled(committed => _committed.Settle(settled, committed));
    }

    /// <summary>The newest JSON and ETag of <paramref name="key"/>: this turn's own write first, then the database.</summary>
    private (string? Json, string ETag)? Current(string key)
    {
        var row = Before(TurnWork.Current, key);
        return row is not null && row.TryGetValue("json", out var json) && json.IsString ? (json.AsString, row["etag"].AsString) : null;
    }

    private TurnRows Turn(TurnWork work)
    {
        if (!work.Items.TryGetValue(this, out var rows))
        {
            rows = new TurnRows();
            work.Items[this] = rows;
        }

        return (TurnRows)rows;
    }

    private static BsonDocument Document(string key, string json, string etag) => new()
    {
        ["_id"] = key,
        ["json"] = json,
        ["etag"] = etag,
    };

    /// <summary>What one turn read and wrote, by key.</summary>
    private sealed class TurnRows
    {
        public Dictionary<string, BsonDocument?> Read { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, PendingRow> Written { get; } = new(StringComparer.Ordinal);

        /// <summary>The row as the turn has it: its own write first, then what it read; false when it has neither.</summary>
        public bool Known(string key, out BsonDocument? row)
        {
            if (Written.TryGetValue(key, out var mine))
            {
                row = mine.Document;
                return true;
            }

            return Read.TryGetValue(key, out row);
        }
    }

    /// <summary>A row as the turn will leave it: stored at commit, or deleted when it holds nothing.</summary>
    private sealed class PendingRow(string key, BsonDocument? document)
    {
        public string Key => key;

        public BsonDocument? Document { get; set; } = document;

        public void Apply(ILiteCollection<BsonDocument> states) => _ = Document is { } row ? states.Upsert(row) : states.Delete(key);
    }
}
