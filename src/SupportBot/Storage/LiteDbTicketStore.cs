using LiteDB;
using LiteQuery = LiteDB.Query;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Tickets and daily number sequences in LiteDB. Writes go through one lock so that "read, check, write"
/// (sequence allocation, the version check) is atomic; LiteDB itself only serialises single operations.
/// With a commit queue (the app), creations are group-committed instead: they run one after another on the
/// queue's thread, which makes the allocation atomic in the same way, and share one fsync.
/// </summary>
public sealed class LiteDbTicketStore : ITicketStore
{
    private const string TicketsCollection = "tickets";
    private const string SequencesCollection = "sequences";
    private const string StatusKey = "$.Status + '|' + $._id";
    private const string TeamKey = "$.Team + '|' + $._id";
    private const string AssigneeKey = "COALESCE($.Assignee, '') + '|' + $._id";
    private const string DayFormat = "yyyy-MM-dd";

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<Ticket> _tickets;
    private readonly ILiteCollection<BsonDocument> _sequences;
    private readonly Lock _writeLock = new();
    private readonly LiteDbCommitQueue? _commits;
    private readonly OpenTicketCounts _openCounts;

    public LiteDbTicketStore(ILiteDatabase database, LiteDbCommitQueue? commits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _commits = commits;
        _tickets = database.GetCollection<Ticket>(TicketsCollection);
        _sequences = LiteDbCollections.Existing(database, SequencesCollection);
        // Status, team and assignee have few distinct values; LiteDB walks every equal key when it inserts one, so
        // plain indexes on them cost O(tickets) per write. Suffixed with the number, every key is distinct and a
        // lookup by value becomes a prefix range on the index.
        _tickets.EnsureIndex("StatusKey", StatusKey);
        _tickets.EnsureIndex("TeamKey", TeamKey);
        _tickets.EnsureIndex("AssigneeKey", AssigneeKey);
        _tickets.EnsureIndex("ReporterId", "$.Reporter.Id");
        _tickets.EnsureIndex("NextDue", "$.NextDueAt.utc");

        // Only the two fields the counts need: mapping whole tickets made this the slowest part of start-up.
        var open = new BsonArray(TicketStatuses.Open.Select(status => new BsonValue(status.ToString())));
        _openCounts = new OpenTicketCounts(LiteDbCollections.Existing(database, TicketsCollection).Query()
            .Where(LiteQuery.In(nameof(Ticket.Status), open))
            .Select("{ team: $.Team, assignee: $.Assignee }")
            .ToEnumerable()
            .Select(row => (row["team"].AsString, row["assignee"].IsNull ? null : row["assignee"].AsString)));
    }

    public async Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build)
    {
        if (_commits is null)
        {
            return Create(day, build);
        }

        var ticket = await _commits.EnqueueAsync(() => Insert(day, build));
        _openCounts.Saved(null, ticket);
        return ticket;
    }

    /// <summary>Creates the ticket in a transaction of its own, under the write lock.</summary>
    public Ticket Create(DateOnly day, Func<int, Ticket> build)
    {
        var ticket = InOwnTransaction(() => Insert(day, build));
        _openCounts.Saved(null, ticket);
        return ticket;
    }

    /// <summary>Allocates the day's next serial and inserts the ticket, inside the caller's transaction.</summary>
    private Ticket Insert(DateOnly day, Func<int, Ticket> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var serial = LastSerial(day) + 1;
        _sequences.Upsert(new BsonDocument { ["_id"] = DayKey(day), ["last"] = serial });
        var ticket = build(serial) with { Version = 1 };
        _tickets.Insert(ticket);
        return ticket;
    }

    public Ticket? Find(string number) => _tickets.FindById(number);

    /// <summary>The last serial handed out for <paramref name="day"/> (0 before the first).</summary>
    internal int LastSerial(DateOnly day) => _sequences.FindById(DayKey(day))?["last"].AsInt32 ?? 0;

    /// <summary>Counts a ticket created elsewhere (the journal) among the open ones, as <see cref="CreateAsync"/> would.</summary>
    internal void CountCreated(Ticket ticket) => _openCounts.Saved(null, ticket);

    /// <summary>Copies a ticket created in the journal into the database, in the next group commit; a repeat does nothing.</summary>
    internal Task ProjectAsync(JournaledTicket created) =>
        _commits is null
            ? Task.FromResult(InOwnTransaction(() => InsertIfMissing(created)))
            : _commits.EnqueueAsync(() => InsertIfMissing(created));

    /// <summary>
    /// Projects a journaled ticket at start-up, before anything reads: in a transaction of its own, counted as
    /// open when it was not in the database yet.
    /// </summary>
    internal void Recover(JournaledTicket created)
    {
        if (InOwnTransaction(() => InsertIfMissing(created)))
        {
            _openCounts.Saved(null, created.Ticket);
        }
    }

    /// <summary>A created ticket as the journal keeps it: the document the database would store, with its day and serial.</summary>
    internal string ToJournal(JournaledTicket created) => LiteDB.JsonSerializer.Serialize(new BsonDocument
    {
        ["day"] = DayKey(created.Day),
        ["serial"] = created.Serial,
        ["ticket"] = _database.Mapper.ToDocument(created.Ticket),
    });

    internal JournaledTicket FromJournal(string json)
    {
        var document = LiteDB.JsonSerializer.Deserialize(json).AsDocument;
        return new JournaledTicket(
            _database.Mapper.ToObject<Ticket>(document["ticket"].AsDocument),
            DateOnly.ParseExact(document["day"].AsString, DayFormat, System.Globalization.CultureInfo.InvariantCulture),
            document["serial"].AsInt32);
    }

    private bool InsertIfMissing(JournaledTicket created)
    {
        // The day's sequence only grows: projections may land out of serial order.
        if (LastSerial(created.Day) < created.Serial)
        {
            _sequences.Upsert(new BsonDocument { ["_id"] = DayKey(created.Day), ["last"] = created.Serial });
        }

        return _tickets.FindById(created.Ticket.Number) is null && _tickets.Insert(created.Ticket) is not null;
    }

    /// <summary>Runs a write in a transaction of its own under the write lock (no commit queue, or start-up).</summary>
    private T InOwnTransaction<T>(Func<T> write)
    {
        lock (_writeLock)
        {
            _database.BeginTrans();
            try
            {
                var result = write();
                _database.Commit();
                return result;
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }

    private static string DayKey(DateOnly day) => day.ToString(DayFormat, System.Globalization.CultureInfo.InvariantCulture);

    public TicketUpdate TryUpdate(Ticket changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_writeLock)
        {
            var stored = _tickets.FindById(changed.Number);
            if (stored is null)
            {
                return new TicketUpdate(TicketUpdateOutcome.NotFound, null);
            }

            if (stored.Version != changed.Version)
            {
                return new TicketUpdate(TicketUpdateOutcome.Conflict, stored);
            }

            if (changed.History.Count < stored.History.Count || !stored.History.SequenceEqual(changed.History.Take(stored.History.Count)))
            {
                throw new InvalidOperationException($"Ticket {changed.Number}: history is append-only and may not be rewritten.");
            }

            var saved = changed with { Version = stored.Version + 1 };
            _tickets.Update(saved);
            _openCounts.Saved(stored, saved);
            return new TicketUpdate(TicketUpdateOutcome.Saved, saved);
        }
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<BsonExpression>();
        if (query.Status is { } status)
        {
            conditions.Add(LiteQuery.StartsWith(StatusKey, status + "|"));
        }

        if (query.Team is { } team)
        {
            conditions.Add(LiteQuery.StartsWith(TeamKey, team + "|"));
        }

        if (query.Assignee is { } assignee)
        {
            conditions.Add(LiteQuery.StartsWith(AssigneeKey, assignee + "|"));
        }

        if (query.ReporterId is { } reporterId)
        {
            conditions.Add(LiteQuery.EQ("$.Reporter.Id", reporterId));
        }

        if (query.DueBefore is { } dueBefore)
        {
            // A range, not "<": LiteDB sorts null below every number, so "<" would also match tickets with nothing due.
            conditions.Add(LiteQuery.Between("$.NextDueAt.utc", new BsonValue(0L), new BsonValue(dueBefore.UtcTicks - 1)));
        }

        var found = conditions.Count switch
        {
            0 => _tickets.Query(),
            1 => _tickets.Query().Where(conditions[0]),
            _ => _tickets.Query().Where(LiteQuery.And([.. conditions])),
        };
        return found.OrderByDescending(nameof(Ticket.SubmittedAt) + ".utc").Limit(query.Limit).ToList();
    }

    public IEnumerable<Ticket> OpenWithDeadlines() =>
        _tickets.Query()
            .Where(LiteQuery.Between("$.NextDueAt.utc", new BsonValue(0L), new BsonValue(long.MaxValue)))
            .ToEnumerable()
            .Where(ticket => ticket.Status.IsOpen());

    public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team) => _openCounts.For(team);
}
