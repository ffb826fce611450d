using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// The outbox on PostgreSQL: rows of the <c>outbox</c> table, payloads as <c>jsonb</c>. A row added inside a turn
/// joins its transaction; outside one it is committed before <see cref="Add{TPayload}"/> returns.
/// </summary>
/// <remarks>
/// Every instance on the database runs a dispatcher. A claim leases the oldest pending row of each key that is due
/// and free (<c>FOR UPDATE SKIP LOCKED</c>, so two claims at once take different rows); a mark counts only while no
/// other instance has leased the row since. A commit that added rows notifies the other instances
/// (<c>LISTEN/NOTIFY</c> on <see cref="Channel"/>), so they need not poll.
/// </remarks>
internal sealed class PgOutboxRows(NpgsqlDataSource source, PgCommitQueue commits, TimeProvider time) : IOutboxRows
{
    private const string Columns = "id, kind, key, payload::text, due, attempts, done";
    private const string Channel = "supportbot_outbox";

    // Which instance leases: one id per store, so two engines in one test process are two instances too.
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public event Action? Added;

    public void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class
    {
        var json = PgJson.Write(payload);
        var due = time.GetUtcNow();
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Insert(PgWrite.Current, kind, key, json, due));
            work.AfterCommit(() => Added?.Invoke());
            return;
        }

        commits.EnqueueAsync(write => { Insert(write, kind, key, json, due); return true; }).GetAwaiter().GetResult();
        Added?.Invoke();
    }

    public IReadOnlyList<OutboxRow> PendingRows(int limit)
    {
        using var command = source.CreateCommand($"SELECT {Columns} FROM outbox WHERE state = 'pending' ORDER BY id LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var rows = new List<OutboxRow>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<OutboxClaim> ClaimAsync(int limit, TimeSpan lease)
    {
        var now = time.GetUtcNow();

        // One statement, so the lease lands with the choice. A row another claim has locked is skipped, and one whose
        // lease that claim committed meanwhile is re-checked against the lease condition before it is taken.
        await using var claim = source.CreateCommand(
            $"""
            UPDATE outbox SET leased_by = @me, lease_until = @until
            WHERE id IN (
                SELECT o.id FROM outbox o
                WHERE o.state = 'pending' AND o.due <= @now
                  AND (o.lease_until IS NULL OR o.lease_until <= @now OR o.leased_by = @me)
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.key = o.key AND e.state = 'pending' AND e.id < o.id)
                ORDER BY o.id
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """);
        claim.Parameters.AddWithValue("me", _instance);
        claim.Parameters.AddWithValue("until", now + lease);
        claim.Parameters.AddWithValue("now", now);
        claim.Parameters.AddWithValue("limit", limit);
        var rows = new List<OutboxRow>();
        await using (var reader = await claim.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(Read(reader));
            }
        }

        IReadOnlyList<OutboxRow> claimed = [.. rows.OrderBy(row => long.Parse(row.Id, CultureInfo.InvariantCulture))];
        if (rows.Count == limit)
        {
            // A full claim: the dispatcher claims again as soon as it is through, and learns then what waits.
            return new OutboxClaim(claimed, null);
        }

        // What is not free now: wake when a retry falls due, or when another instance's lease runs out (it may have died),
        // even if the rows claimed here take long (a row waiting 2 s must not sleep behind a claimed one's 10-minute retry).
        await using var next = source.CreateCommand(
            """
            SELECT least(
                (SELECT min(due) FROM outbox WHERE state = 'pending' AND due > @now),
                (SELECT min(lease_until) FROM outbox WHERE state = 'pending' AND lease_until > @now AND leased_by <> @me))
            """);
        next.Parameters.AddWithValue("now", now);
        next.Parameters.AddWithValue("me", _instance);
        return new OutboxClaim(claimed, await next.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }

    public async Task<bool> RenewAsync(OutboxRow row, TimeSpan lease) =>
        await Update(row, "leased_by = @me, lease_until = @until", ("until", time.GetUtcNow() + lease)) > 0;

    public Task ReleaseAsync(IReadOnlyCollection<OutboxRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        long[] ids = [.. rows.Select(row => long.Parse(row.Id, CultureInfo.InvariantCulture))];
        return commits.EnqueueAsync(write =>
        {
            var released = write.Execute(
                "UPDATE outbox SET leased_by = NULL, lease_until = NULL WHERE id = ANY(@ids) AND state = 'pending' AND leased_by = @me",
                ("ids", ids), ("me", _instance));

            // At commit: the other instances' dispatchers wake and claim them now, rather than when the lease would have ended.
            if (released > 0)
            {
                write.Execute($"NOTIFY {Channel}");
            }

            return released;
        });
    }

    public async Task WatchOtherInstancesAsync(Action wake, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(wake);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(stop);
                connection.Notification += (_, _) => wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                // Rows committed while nobody listened (at start, or while the connection was down) are found now.
                wake();
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (PgCommitQueue.IsStorageFault(error))
            {
                // The server went away: listen again once it answers; the dispatcher's own retries go on meanwhile.
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public int Count(OutboxRowState state)
    {
        using var command = source.CreateCommand("SELECT count(*) FROM outbox WHERE state = @state");
        command.Parameters.AddWithValue("state", Name(state));
        return (int)(long)command.ExecuteScalar()!;
    }

    public async Task<bool> MarkDeliveredAsync(OutboxRow row) =>
        await Update(row, "state = 'delivered', delivered_at = @at, leased_by = NULL, lease_until = NULL", ("at", time.GetUtcNow())) > 0;

    public async Task<bool> ProgressAsync(OutboxRow row, int done) => await Update(row, "done = @done", ("done", done)) > 0;

    public async Task<bool> RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason) =>
        await Update(row, "attempts = @attempts, due = @due, last_error = @reason, leased_by = NULL, lease_until = NULL", ("attempts", attempts), ("due", due.ToUniversalTime()), ("reason", reason)) > 0;

    public async Task<bool> ParkAsync(OutboxRow row, int attempts, string reason) =>
        await Update(row, "state = 'parked', attempts = @attempts, last_error = @reason, leased_by = NULL, lease_until = NULL", ("attempts", attempts), ("reason", reason)) > 0;

    public Task PurgeDeliveredAsync(TimeSpan age)
    {
        var before = time.GetUtcNow() - age;
        return commits.EnqueueAsync(write => write.Execute("DELETE FROM outbox WHERE state = 'delivered' AND delivered_at < @before", ("before", before)));
    }

    private static string Name(OutboxRowState state) => state switch
    {
        OutboxRowState.Pending => "pending",
        OutboxRowState.Delivered => "delivered",
        _ => "parked",
    };

    /// <summary>
    /// Changes a pending row no other instance holds: unleased, or leased by this one. A row another instance took over
    /// (this one's lease ran out) is left to it, and a row gone meanwhile (purged) has nothing left to mark.
    /// </summary>
    private Task<int> Update(OutboxRow row, string set, params (string Name, object? Value)[] values)
    {
        var id = long.Parse(row.Id, CultureInfo.InvariantCulture);
        return commits.EnqueueAsync(write => write.Execute(
            $"UPDATE outbox SET {set} WHERE id = @id AND state = 'pending' AND (leased_by IS NULL OR leased_by = @me)",
            [.. values, ("id", id), ("me", _instance)]));
    }

    private static void Insert(PgWrite write, string kind, string key, string json, DateTimeOffset due) =>
        Import(write, new MovedOutboxRow(kind, key, json, OutboxRowState.Pending, due, 0, 0, null, null));

    /// <summary>
    /// A row in the open transaction, as it stands: a new one (pending, no tries), or one moved from a LiteDB desk with
    /// its tries, progress and outcome. Rows get ids in the order they are inserted, which is the order they go out in.
    /// </summary>
    internal static void Import(PgWrite write, MovedOutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(row);
        using var command = write.Command(
            "INSERT INTO outbox (kind, key, payload, state, due, attempts, done, last_error, delivered_at) " +
            "VALUES (@kind, @key, @payload, @state, @due, @attempts, @done, @error, @delivered)",
            ("kind", row.Kind), ("key", row.Key), ("state", Name(row.State)), ("due", row.Due.ToUniversalTime()), ("attempts", row.Attempts),
            ("done", row.Done), ("error", row.LastError), ("delivered", row.DeliveredAt?.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = row.PayloadJson });
        command.ExecuteNonQuery();

        // Delivered at commit, once per transaction however many rows it added: the other instances' dispatchers wake.
        write.Execute($"NOTIFY {Channel}");
    }

    private static OutboxRow Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
        reader.GetString(1),
        reader.GetString(2),
        new JsonOutboxMessage(reader.GetString(3)),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetInt32(5),
        reader.GetInt32(6));

    /// <summary>A row's payload, read back with the options it was written with.</summary>
    private sealed class JsonOutboxMessage(string json) : OutboxMessage
    {
        public override TPayload Read<TPayload>() => PgJson.Read<TPayload>(json);
    }
}

/// <summary>An outbox row with everything the table keeps of it, its payload already as the JSON this engine stores.</summary>
internal sealed record MovedOutboxRow(
    string Kind, string Key, string PayloadJson, OutboxRowState State, DateTimeOffset Due, int Attempts, int Done, string? LastError, DateTimeOffset? DeliveredAt);

