using LiteDB;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Tickets in LiteDB. Inside a turn (<see cref="TurnWork"/>) a creation or change joins
/// the turn's transaction; outside one (reminder jobs, tools) it is committed on its own.
/// </summary>
/// <remarks>
/// A ticket's number is committed in the same transaction as the ticket (<see cref="LiteDbTicketNumbers"/>).
/// </remarks>
internal sealed class LiteDbTicketStore : ITicketStore, IDisposable
{
    private const string TicketsCollection = "tickets";
    private const string StatusKey = "$.Status + '|' + $._id";
    private const string TeamKey = "$.Team + '|' + $._id";
    private const string AssigneeKey = "COALESCE($.Assignee, '') + '|' + $._id";
    private const string SubmittedKey = "$.SubmittedAt.utc";
    private const string ClosedKey = "$.Milestones.ClosedAt.utc";
    private const string ReporterConversationKey = "$.ReporterConversation.ConversationId";

    private readonly ILiteDatabase _database;
    private readonly Lock _writeLock = new();
    private readonly LiteDbTicketNumbers _numbers;
    private readonly TicketChangeLocks _ticketLocks = new();
    private readonly LiteDbCommitQueue? _commits;
    private readonly OpenTicketCounts _openCounts;

    public LiteDbTicketStore(ILiteDatabase database, LiteDbCommitQueue? commits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _commits = commits;
        _numbers = new LiteDbTicketNumbers(database);
        // Status, team and assignee have few distinct values; LiteDB walks every equal key when it inserts one, so
        // plain indexes on them cost O(tickets) per write. Suffixed with the number, every key is distinct and a
        // lookup by value becomes a prefix range on the index.
        var tickets = Tickets;
        tickets.EnsureIndex("StatusKey", StatusKey);
        tickets.EnsureIndex("TeamKey", TeamKey);
        tickets.EnsureIndex("AssigneeKey", AssigneeKey);
        tickets.EnsureIndex("ReporterId", "$.Reporter.Id");
        tickets.EnsureIndex("NextDue", "$.NextDueAt.utc");
        tickets.EnsureIndex("FormId", "$.FormId");
        tickets.EnsureIndex("ReporterConversation", ReporterConversationKey);
        tickets.EnsureIndex("Submitted", SubmittedKey);
        tickets.EnsureIndex("Closed", ClosedKey);

        // Only the two fields the counts need: mapping whole tickets made this the slowest part of start-up.
        var open = new BsonArray(TicketStatuses.Open.Select(status => new BsonValue(status.ToString())));
        _openCounts = new OpenTicketCounts(LiteDbCollections.Existing(database, TicketsCollection).Query()
            .Where(LiteFilter.Where.In(nameof(Ticket.Status), open).Expression())
            .Select("{ team: $.Team, assignee: $.Assignee }")
            .ToEnumerable()
            .Select(row => (row["team"].AsString, row["assignee"].IsNull ? null : row["assignee"].AsString)));
    }

    public void Dispose() => _ticketLocks.Dispose();

    private ILiteCollection<Ticket> Tickets => _database.GetCollection<Ticket>(TicketsCollection);

    public async Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var serial = _numbers.Serials.Take(day);
        Ticket ticket;
        try
        {
            ticket = build(serial) with { Version = 1 };
        }
        catch
        {
            _numbers.Serials.GiveBack(day, serial);
            throw;
        }

        if (TurnWork.Current is { } work)
        {
            Changed(work)[ticket.Number] = ticket;
            work.Write(() => Insert(day, serial, ticket));
            work.AfterCommit(() => _openCounts.Saved(null, ticket));
            work.OnRollback(() => _numbers.Serials.GiveBack(day, serial));
            return ticket;
        }

        try
        {
            if (_commits is null)
            {
                InOwnTransaction(() => { Insert(day, serial, ticket); return true; });
            }
            else
            {
                await _commits.EnqueueAsync(() => { Insert(day, serial, ticket); return true; });
            }
        }
        catch
        {
            _numbers.Serials.GiveBack(day, serial);
            throw;
        }

        _openCounts.Saved(null, ticket);
        return ticket;
    }

    /// <summary>Creates the ticket outside any turn (tools, tests), committed before it returns.</summary>
    public Ticket Create(DateOnly day, Func<int, Ticket> build) => CreateAsync(day, build).GetAwaiter().GetResult();

    /// <summary>The ticket with its serial, inside the caller's transaction; the serial's row refuses a second use of it.</summary>
    private void Insert(DateOnly day, int serial, Ticket ticket)
    {
        _numbers.Use(day, serial, ticket.Number);
        Tickets.Insert(ticket);
    }

    public Ticket? Find(string number) => TurnWork.Current is { } work ? Find(work, number) : Tickets.ByKey(number);

    public Ticket? FindByForm(string formId) => Tickets.FindOne(LiteFilter.Where.Eq("$.FormId", formId).Expression());

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

    public TicketUpdate TryUpdate(Ticket changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var work = TurnWork.Current;
        using (_ticketLocks.Hold(work, changed.Number))
        {
            var stored = work is null ? Tickets.ByKey(changed.Number) : Find(work, changed.Number);
            if (TicketChangeLocks.Refusal(stored, changed) is { } refused)
            {
                return refused;
            }

            var saved = changed with { Version = stored!.Version + 1 };
            if (work is null)
            {
                lock (_writeLock)
                {
                    Tickets.Update(saved);
                }

                _openCounts.Saved(stored, saved);
            }
            else
            {
                Changed(work)[saved.Number] = saved;
                work.Write(() =>
                {
                    // Outside turns (reminder jobs) write without this turn's lock order: the version says if one came between.
                    if (Tickets.ByKey(saved.Number)?.Version != stored.Version)
                    {
                        throw new BotFramework.State.StorageConflictException($"Ticket {saved.Number} changed before this turn committed.");
                    }

                    Tickets.Update(saved);
                });
                work.AfterCommit(() => _openCounts.Saved(stored, saved));
            }

            return new TicketUpdate(TicketUpdateOutcome.Saved, saved);
        }
    }

    /// <summary>The ticket as this turn sees it: its own uncommitted change first, then the database.</summary>
    private Ticket? Find(TurnWork work, string number) => Changed(work).TryGetValue(number, out var mine) ? mine : Tickets.ByKey(number);

    private Dictionary<string, Ticket> Changed(TurnWork work) => Scratch<Dictionary<string, Ticket>>(work, "changed");

    private T Scratch<T>(TurnWork work, string name)
        where T : new()
    {
        var key = (this, name);
        if (!work.Items.TryGetValue(key, out var value))
        {
            value = new T();
            work.Items[key] = value;
        }

        return (T)value;
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = LiteFilter.Where;
        if (query.Status is { } status)
        {
            filter.StartsWith(StatusKey, status + "|");
        }

        if (query.Team is { } team)
        {
            filter.StartsWith(TeamKey, team + "|");
        }

        if (query.Assignee is { } assignee)
        {
            filter.StartsWith(AssigneeKey, assignee + "|");
        }

        if (query.ReporterId is { } reporterId)
        {
            filter.Eq("$.Reporter.Id", reporterId);
        }

        if (query.DueBefore is { } dueBefore)
        {
            // A range, not "<": LiteDB sorts null below every number, so "<" would also match tickets with nothing due.
            filter.Between("$.NextDueAt.utc", 0L, dueBefore.UtcTicks - 1);
        }

        var found = filter.Count == 0 ? Tickets.Query() : Tickets.Query().Where(filter.Expression());
        return found.OrderByDescending(nameof(Ticket.SubmittedAt) + ".utc").Limit(query.Limit).ToList();
    }

    public bool AnyOpenFiledFrom(ConversationAddress conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        // Two fields per ticket of that conversation (usually a handful), never whole tickets.
        return _database.GetCollection(TicketsCollection).Query()
            .Where(LiteFilter.Where.Eq(ReporterConversationKey, conversation.ConversationId).Expression())
            .Select("{ status: $.Status, channel: $.ReporterConversation.ChannelId }")
            .ToEnumerable()
            .Any(row => row["channel"].AsString == conversation.ChannelId && Enum.TryParse<TicketStatus>(row["status"].AsString, out var status) && status.IsOpen());
    }

    public IEnumerable<Ticket> OpenWithDeadlines() =>
        Tickets.Query()
            .Where(LiteFilter.Where.Between("$.NextDueAt.utc", 0L, long.MaxValue).Expression())
            .ToEnumerable()
            .Where(ticket => ticket.Status.IsOpen() || ticket.Status == TicketStatus.Closed);

    public IEnumerable<Ticket> SubmittedBetween(DateTimeOffset from, DateTimeOffset to) =>
        Tickets.Query().Where(LiteFilter.Where.Between(SubmittedKey, from.UtcTicks, to.UtcTicks - 1).Expression()).OrderBy(SubmittedKey).ToEnumerable();

    public IEnumerable<TicketOutline> OutlinesSubmittedBetween(DateTimeOffset from, DateTimeOffset to) =>
        TicketOutlines.Read(_database, SubmittedKey, from, to, ordered: true);

    public IEnumerable<TicketOutline> OutlinesClosedBetween(DateTimeOffset from, DateTimeOffset to) =>
        TicketOutlines.Read(_database, ClosedKey, from, to, ordered: false);

    public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team) => _openCounts.For(team);

    /// <summary>Every ticket as stored (version and history included), by number: what a move to another engine copies.</summary>
    internal static IEnumerable<Ticket> All(ILiteDatabase database) =>
        database.GetCollection<Ticket>(TicketsCollection).Query().OrderBy("_id").ToEnumerable();
}
