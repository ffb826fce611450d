using Npgsql;
using NpgsqlTypes;
using SupportBot.BotFramework.State;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Tickets on PostgreSQL (schema: Migrations/0001_initial.sql). Inside a turn a creation or change joins the turn's
/// transaction; outside one it commits alone through the commit queue.
/// </summary>
/// <remarks>
/// Numbering: a serial is claimed first from <see cref="PgTicketSerials"/> (shared by every instance; the reporter
/// hears the number only after the commit), and the ticket's transaction turns the claim into the day's committed
/// serial. A rollback gives the claim back, so the day keeps no gap.
/// Updates: UPDATE … WHERE version = the version read, so a change from another instance in between is a conflict.
/// </remarks>
internal sealed class PgTicketStore : ITicketStore, IDisposable
{
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _source;
    private readonly PgCommitQueue _commits;
    private readonly PgTicketSerials _serials;
    private readonly TicketChangeLocks _locks = new();
    private readonly string[] _open = [.. TicketStatuses.Open.Select(status => status.ToString())];

    public PgTicketStore(NpgsqlDataSource source, PgCommitQueue commits)
    {
        _source = source;
        _commits = commits;
        _serials = new PgTicketSerials(source);
    }

    public void Dispose()
    {
        _locks.Dispose();
        _serials.Dispose();
    }

    public async Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var claim = await _serials.TakeAsync(day);
        Ticket ticket;
        try
        {
            ticket = build(claim.Serial) with { Version = 1 };
        }
        catch
        {
            _serials.GiveBack(claim);
            throw;
        }

        if (TurnWork.Current is { } work)
        {
            Changed(work)[ticket.Number] = ticket;
            work.Write(() => Insert(PgWrite.Current, claim, ticket));
            work.OnRollback(() => _serials.GiveBack(claim));
            return ticket;
        }

        try
        {
            await _commits.EnqueueAsync(write => { Insert(write, claim, ticket); return true; });
        }
        catch
        {
            _serials.GiveBack(claim);
            throw;
        }

        return ticket;
    }

    /// <summary>The ticket and its serial, inside the open transaction.</summary>
    private static void Insert(PgWrite write, SerialClaim claim, Ticket ticket)
    {
        PgTicketSerials.Record(write, claim, ticket.Number);
        try
        {
            InsertRow(write, ticket);
        }
        catch (PostgresException twice) when (twice is { SqlState: UniqueViolation, ConstraintName: "tickets_form" })
        {
            // The same form was submitted at another instance, which committed first: the turn, run again, finds its ticket.
            throw new StorageConflictException($"Form {ticket.FormId} was filed by another instance first.", twice);
        }
    }

    /// <summary>The ticket's row as it is (its version too), in the open transaction: a creation's, or a moved ticket's.</summary>
    internal static void InsertRow(PgWrite write, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(ticket);
        using var command = write.Command(
            "INSERT INTO tickets (number, version, status, team, assignee, reporter_id, form_id, reporter_channel, reporter_conversation, submitted_at, closed_at, next_due_at, ticket) "
            + "VALUES (@number, @version, @status, @team, @assignee, @reporter_id, @form_id, @reporter_channel, @reporter_conversation, @submitted_at, @closed_at, @next_due_at, @ticket)");
        Bind(command, ticket);
        command.ExecuteNonQuery();
    }

    public Ticket? Find(string number) => TurnWork.Current is { } work ? Find(work, number) : Load(number);

    public Ticket? FindByForm(string formId) => Tickets("form_id = @form LIMIT 1", ("form", formId)).FirstOrDefault();

    public TicketUpdate TryUpdate(Ticket changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var work = TurnWork.Current;
        using (_locks.Hold(work, changed.Number))
        {
            var stored = work is null ? Load(changed.Number) : Find(work, changed.Number);
            if (TicketChangeLocks.Refusal(stored, changed) is { } refused)
            {
                return refused;
            }

            var saved = changed with { Version = stored!.Version + 1 };
            if (work is not null)
            {
                Changed(work)[saved.Number] = saved;
                work.Write(() => Update(PgWrite.Current, saved, stored.Version));
                return new TicketUpdate(TicketUpdateOutcome.Saved, saved);
            }

            try
            {
                _commits.EnqueueAsync(write => { Update(write, saved, stored.Version); return true; }).GetAwaiter().GetResult();
            }
            catch (StorageConflictException)
            {
                // Another instance changed it after it was read here.
                return new TicketUpdate(TicketUpdateOutcome.Conflict, Load(changed.Number));
            }

            return new TicketUpdate(TicketUpdateOutcome.Saved, saved);
        }
    }

    private static void Update(PgWrite write, Ticket saved, int readVersion)
    {
        using var command = write.Command(
            "UPDATE tickets SET version = @version, status = @status, team = @team, assignee = @assignee, reporter_id = @reporter_id, form_id = @form_id, "
            + "reporter_channel = @reporter_channel, reporter_conversation = @reporter_conversation, submitted_at = @submitted_at, closed_at = @closed_at, "
            + "next_due_at = @next_due_at, ticket = @ticket WHERE number = @number AND version = @read",
            ("read", readVersion));
        Bind(command, saved);
        if (command.ExecuteNonQuery() == 0)
        {
            throw new StorageConflictException($"Ticket {saved.Number} changed before this change committed.");
        }
    }

    public IReadOnlyList<Ticket> Query(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Filter(string condition, string name, object? value)
        {
            where.Add(condition);
            parameters.Add((name, value));
        }

        if (query.Status is { } status)
        {
            Filter("status = @status", "status", status.ToString());
        }

        if (query.Team is { } team)
        {
            Filter("team = @team", "team", team);
        }

        if (query.Assignee is { } assignee)
        {
            Filter("assignee = @assignee", "assignee", assignee);
        }

        if (query.ReporterId is { } reporterId)
        {
            Filter("reporter_id = @reporter", "reporter", reporterId);
        }

        if (query.DueBefore is { } dueBefore)
        {
            Filter("next_due_at < @due", "due", dueBefore.ToUniversalTime());
        }

        parameters.Add(("limit", query.Limit));
        var condition = where.Count == 0 ? "TRUE" : string.Join(" AND ", where);
        return [.. Tickets($"{condition} ORDER BY submitted_at DESC LIMIT @limit", [.. parameters])];
    }

    public bool AnyOpenFiledFrom(ConversationAddress conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        using var command = _source.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM tickets WHERE reporter_conversation = @conversation AND reporter_channel = @channel AND status = ANY(@open))");
        command.Parameters.AddWithValue("conversation", conversation.ConversationId);
        command.Parameters.AddWithValue("channel", conversation.ChannelId);
        command.Parameters.AddWithValue("open", _open);
        return command.ExecuteScalar() is true;
    }

    public IEnumerable<Ticket> OpenWithDeadlines() =>
        Tickets("next_due_at IS NOT NULL AND (status = ANY(@open) OR status = @closed)", ("open", _open), ("closed", nameof(TicketStatus.Closed)));

    public IEnumerable<Ticket> SubmittedBetween(DateTimeOffset from, DateTimeOffset to) =>
        Tickets("submitted_at >= @from AND submitted_at < @to ORDER BY submitted_at", ("from", from.ToUniversalTime()), ("to", to.ToUniversalTime()));

    public IEnumerable<TicketOutline> OutlinesSubmittedBetween(DateTimeOffset from, DateTimeOffset to) =>
        SubmittedBetween(from, to).Select(TicketOutline.Of);

    public IEnumerable<TicketOutline> OutlinesClosedBetween(DateTimeOffset from, DateTimeOffset to) =>
        Tickets("closed_at >= @from AND closed_at < @to", ("from", from.ToUniversalTime()), ("to", to.ToUniversalTime())).Select(TicketOutline.Of);

    /// <summary>Counted by the database, not kept in memory as on LiteDB: other instances assign tickets too.</summary>
    public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team)
    {
        using var command = _source.CreateCommand(
            "SELECT assignee, count(*)::int FROM tickets WHERE team = @team AND status = ANY(@open) AND assignee IS NOT NULL GROUP BY assignee");
        command.Parameters.AddWithValue("team", team);
        command.Parameters.AddWithValue("open", _open);
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static void Bind(NpgsqlCommand command, Ticket ticket)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("number", ticket.Number);
        parameters.AddWithValue("version", ticket.Version);
        parameters.AddWithValue("status", ticket.Status.ToString());
        parameters.AddWithValue("team", ticket.Team);
        parameters.AddWithValue("assignee", (object?)ticket.Assignee ?? DBNull.Value);
        parameters.AddWithValue("reporter_id", (object?)ticket.Reporter.Id ?? DBNull.Value);
        parameters.AddWithValue("form_id", (object?)ticket.FormId ?? DBNull.Value);
        parameters.AddWithValue("reporter_channel", (object?)ticket.ReporterConversation?.ChannelId ?? DBNull.Value);
        parameters.AddWithValue("reporter_conversation", (object?)ticket.ReporterConversation?.ConversationId ?? DBNull.Value);
        parameters.AddWithValue("submitted_at", ticket.SubmittedAt.ToUniversalTime());
        parameters.AddWithValue("closed_at", (object?)ticket.Milestones.ClosedAt?.ToUniversalTime() ?? DBNull.Value);
        parameters.AddWithValue("next_due_at", (object?)ticket.NextDueAt?.ToUniversalTime() ?? DBNull.Value);
        parameters.Add(new NpgsqlParameter("ticket", NpgsqlDbType.Jsonb) { Value = PgJson.Write(ticket) });
    }

    private Ticket? Load(string number) => Tickets("number = @number", ("number", number)).FirstOrDefault();

    /// <summary>Tickets matching <paramref name="condition"/>, read lazily on a pooled connection held while they are enumerated.</summary>
    private IEnumerable<Ticket> Tickets(string condition, params (string Name, object? Value)[] parameters)
    {
        using var command = _source.CreateCommand($"SELECT ticket::text FROM tickets WHERE {condition}");
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return PgJson.Read<Ticket>(reader.GetString(0));
        }
    }

    /// <summary>The ticket as this turn sees it: its own uncommitted change first, then the database.</summary>
    private Ticket? Find(TurnWork work, string number) => Changed(work).TryGetValue(number, out var mine) ? mine : Load(number);

    private Dictionary<string, Ticket> Changed(TurnWork work)
    {
        var key = (this, "changed");
        if (!work.Items.TryGetValue(key, out var value))
        {
            value = new Dictionary<string, Ticket>(StringComparer.Ordinal);
            work.Items[key] = value;
        }

        return (Dictionary<string, Ticket>)value;
    }
}
