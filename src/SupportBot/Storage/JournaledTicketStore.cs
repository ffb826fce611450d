using System.Collections.Concurrent;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>A ticket created in the journal: what the database gets, and the day and serial its number came from.</summary>
internal sealed record JournaledTicket(Ticket Ticket, DateOnly Day, int Serial);

/// <summary>
/// Creates tickets durably in the append-only state journal and copies them into LiteDB behind the reply.
/// </summary>
/// <remarks>
/// A LiteDB commit costs about eleven fsyncs on this kind of disk, and the reporter's Submit waited for one
/// (bench/README.md). A journal append shares one fsync with every bot-state write of its group commit. The
/// ticket is acknowledged once it is in the journal; until its projection into LiteDB commits it is served from
/// memory, so "status TS-…" right after Submit finds it. Serials are allocated here, in memory, continuing from
/// the database's sequence. At start every ticket still in the journal is projected before anything is read, so
/// a crash between the acknowledgement and the projection loses nothing and never reuses a number.
/// Changes to existing tickets go straight to LiteDB (they are rarer, and engineers, not the intake, wait).
/// </remarks>
public sealed class JournaledTicketStore : ITicketStore
{
    private const string KeyPrefix = "tickets/created/";

    private readonly LiteDbTicketStore _database;
    private readonly JournalBotStorage _journal;
    private readonly Dictionary<DateOnly, int> _lastSerials = [];
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public JournaledTicketStore(LiteDbTicketStore database, JournalBotStorage journal)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(journal);
        _database = database;
        _journal = journal;
        foreach (var (key, json) in journal.ReadAll(KeyPrefix))
        {
            database.Recover(database.FromJournal(json));
            journal.DeleteLater(key);
        }
    }

    public async Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var serial = NextSerial(day);
        JournaledTicket created;
        try
        {
            created = new JournaledTicket(build(serial) with { Version = 1 }, day, serial);
            await _journal.WriteDurablyAsync(KeyPrefix + created.Ticket.Number, _database.ToJournal(created));
        }
        catch
        {
            GiveBack(day, serial);
            throw;
        }

        var pending = new Pending(created.Ticket);
        _pending[created.Ticket.Number] = pending;
        _database.CountCreated(created.Ticket);
        _ = ProjectAsync(created, pending);
        return created.Ticket;
    }

    public Ticket? Find(string number) => _pending.TryGetValue(number, out var pending) ? pending.Ticket : _database.Find(number);

    public TicketUpdate TryUpdate(Ticket changed)
    {
        ArgumentNullException.ThrowIfNull(changed);

        // A change to a ticket still on its way into the database waits for it (milliseconds) so the version check
        // and history rule run against the stored ticket, as for any other.
        if (_pending.TryGetValue(changed.Number, out var pending))
        {
            pending.Projected.Task.GetAwaiter().GetResult();
        }

        return _database.TryUpdate(changed);
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Memory first, then the database: a ticket leaves memory only after its projection committed, so it is
        // always in one of the two reads (read the other way round, it could slip between them).
        var pending = _pending.Values.Select(item => item.Ticket).Where(ticket => Matches(query, ticket)).ToList();
        var stored = _database.Query(query);
        return pending.Count == 0
            ? stored
            : [.. pending.Concat(stored).DistinctBy(ticket => ticket.Number).OrderByDescending(ticket => ticket.SubmittedAt).Take(query.Limit)];
    }

    public IEnumerable<Ticket> OpenWithDeadlines()
    {
        // Memory first, for the same reason as in Query.
        var pending = _pending.Values.Select(item => item.Ticket).Where(ticket => ticket.Status.IsOpen() && ticket.NextDueAt is not null).ToList();
        var numbers = pending.Select(ticket => ticket.Number).ToHashSet(StringComparer.Ordinal);
        return pending.Concat(_database.OpenWithDeadlines().Where(ticket => !numbers.Contains(ticket.Number)));
    }

    public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team) => _database.OpenTicketsByAssignee(team);

    /// <summary>Waits until every ticket created so far is in the database (for tests and tools that read LiteDB directly).</summary>
    public Task ProjectedAsync() => Task.WhenAll(_pending.Values.Select(pending => pending.Projected.Task));

    private int NextSerial(DateOnly day)
    {
        lock (_lastSerials)
        {
            var serial = (_lastSerials.TryGetValue(day, out var last) ? last : _database.LastSerial(day)) + 1;
            _lastSerials[day] = serial;
            return serial;
        }
    }

    // A creation that failed before it was acknowledged returns its serial if nothing came after it, so the day's
    // numbers keep no gap for it.
    private void GiveBack(DateOnly day, int serial)
    {
        lock (_lastSerials)
        {
            if (_lastSerials.TryGetValue(day, out var last) && last == serial)
            {
                _lastSerials[day] = serial - 1;
            }
        }
    }

    private async Task ProjectAsync(JournaledTicket created, Pending pending)
    {
        try
        {
            await _database.ProjectAsync(created);
        }
        catch (Exception error)
        {
            // Still served from memory and still in the journal: the next start projects it.
            pending.Projected.TrySetException(error);
            return;
        }

        _pending.TryRemove(created.Ticket.Number, out _);
        pending.Projected.TrySetResult();
        try
        {
            _journal.DeleteLater(KeyPrefix + created.Ticket.Number);
        }
        catch (InvalidOperationException)
        {
            // The journal is closing (shutdown); the record stays and the next start skips it as already projected.
        }
    }

    private static bool Matches(TicketQuery query, Ticket ticket) =>
        (query.Status is not { } status || ticket.Status == status)
        && (query.Team is not { } team || ticket.Team == team)
        && (query.Assignee is not { } assignee || ticket.Assignee == assignee)
        && (query.ReporterId is not { } reporterId || ticket.Reporter.Id == reporterId)
        && (query.DueBefore is not { } dueBefore || ticket.NextDueAt < dueBefore);

    private sealed class Pending(Ticket ticket)
    {
        public Ticket Ticket { get; } = ticket;

        public TaskCompletionSource Projected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
