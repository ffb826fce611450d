using LiteDB;
using LiteQuery = LiteDB.Query;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Tickets and daily number sequences in LiteDB. Writes go through one lock so that "read, check, write"
/// (sequence allocation, the version check) is atomic; LiteDB itself only serialises single operations.
/// </summary>
public sealed class LiteDbTicketStore : ITicketStore
{
    private const string TicketsCollection = "tickets";
    private const string SequencesCollection = "sequences";

    private readonly ILiteDatabase _database;
    private readonly ILiteCollection<Ticket> _tickets;
    private readonly ILiteCollection<BsonDocument> _sequences;
    private readonly Lock _writeLock = new();

    public LiteDbTicketStore(ILiteDatabase database)
    {
        _database = database;
        _tickets = database.GetCollection<Ticket>(TicketsCollection);
        _sequences = database.GetCollection(SequencesCollection);
        _tickets.EnsureIndex(nameof(Ticket.Status));
        _tickets.EnsureIndex(nameof(Ticket.Team));
        _tickets.EnsureIndex(nameof(Ticket.Assignee));
        _tickets.EnsureIndex("ReporterId", "$.Reporter.Id");
        _tickets.EnsureIndex("NextDue", "$.NextDueAt.utc");
    }

    public Ticket Create(DateOnly day, Func<int, Ticket> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        lock (_writeLock)
        {
            _database.BeginTrans();
            try
            {
                var serial = (_sequences.FindById(key)?["last"].AsInt32 ?? 0) + 1;
                _sequences.Upsert(new BsonDocument { ["_id"] = key, ["last"] = serial });
                var ticket = build(serial) with { Version = 1 };
                _tickets.Insert(ticket);
                _database.Commit();
                return ticket;
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }

    public Ticket? Find(string number) => _tickets.FindById(number);

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
            return new TicketUpdate(TicketUpdateOutcome.Saved, saved);
        }
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<BsonExpression>();
        if (query.Status is { } status)
        {
            conditions.Add(LiteQuery.EQ(nameof(Ticket.Status), status.ToString()));
        }

        if (query.Team is { } team)
        {
            conditions.Add(LiteQuery.EQ(nameof(Ticket.Team), team));
        }

        if (query.Assignee is { } assignee)
        {
            conditions.Add(LiteQuery.EQ(nameof(Ticket.Assignee), assignee));
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

    public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team)
    {
        var open = new BsonArray(TicketStatuses.Open.Select(status => new BsonValue(status.ToString())));
        return _tickets.Query()
            .Where(LiteQuery.And(LiteQuery.EQ(nameof(Ticket.Team), team), LiteQuery.In(nameof(Ticket.Status), open)))
            .Select(ticket => ticket.Assignee)
            .ToEnumerable()
            .Where(assignee => assignee is not null)
            .GroupBy(assignee => assignee!)
            .ToDictionary(group => group.Key, group => group.Count());
    }
}
