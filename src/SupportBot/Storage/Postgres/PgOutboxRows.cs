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
/// One dispatcher per database is assumed: two instances would each deliver the same pending rows. Sharing the
/// delivery between instances (a lease per key, or one elected dispatcher) belongs with the cluster work of issue 22.
/// </remarks>
internal sealed class PgOutboxRows(NpgsqlDataSource source, PgCommitQueue commits, TimeProvider time) : IOutboxRows
{
    private const string Columns = "id, kind, key, payload::text, due, attempts, done";

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
            rows.Add(new OutboxRow(
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                new JsonOutboxMessage(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt32(5),
                reader.GetInt32(6)));
        }

        return rows;
    }

    public int Count(OutboxRowState state)
    {
        using var command = source.CreateCommand("SELECT count(*) FROM outbox WHERE state = @state");
        command.Parameters.AddWithValue("state", Name(state));
        return (int)(long)command.ExecuteScalar()!;
    }

    public Task MarkDeliveredAsync(OutboxRow row) =>
        Update(row, "state = 'delivered', delivered_at = @at", ("at", time.GetUtcNow()));

    public Task ProgressAsync(OutboxRow row, int done) => Update(row, "done = @done", ("done", done));

    public Task RetryLaterAsync(OutboxRow row, int attempts, DateTimeOffset due, string reason) =>
        Update(row, "attempts = @attempts, due = @due, last_error = @reason", ("attempts", attempts), ("due", due.ToUniversalTime()), ("reason", reason));

    public Task ParkAsync(OutboxRow row, int attempts, string reason) =>
        Update(row, "state = 'parked', attempts = @attempts, last_error = @reason", ("attempts", attempts), ("reason", reason));

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

    // A row gone meanwhile (purged) is no error, as on LiteDB: there is nothing left to mark.
    private Task<int> Update(OutboxRow row, string set, params (string Name, object? Value)[] values)
    {
        var id = long.Parse(row.Id, CultureInfo.InvariantCulture);
        return commits.EnqueueAsync(write => write.Execute($"UPDATE outbox SET {set} WHERE id = @id", [.. values, ("id", id)]));
    }

    private static void Insert(PgWrite write, string kind, string key, string json, DateTimeOffset due)
    {
        using var command = write.Command(
            "INSERT INTO outbox (kind, key, payload, state, due) VALUES (@kind, @key, @payload, 'pending', @due)",
            ("kind", kind), ("key", key), ("due", due));
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = json });
        command.ExecuteNonQuery();
    }

    /// <summary>A row's payload, read back with the options it was written with.</summary>
    private sealed class JsonOutboxMessage(string json) : OutboxMessage
    {
        public override TPayload Read<TPayload>() => PgJson.Read<TPayload>(json);
    }
}
