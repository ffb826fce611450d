using Npgsql;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Group commit on PostgreSQL, the same shape as <see cref="LiteDbCommitQueue"/>: every write waiting at that moment
/// runs in one <see cref="NpgsqlTransaction"/> on the writer thread's own connection, so many turns share one commit.
/// A write reaches that connection and transaction through <see cref="PgWrite.Current"/>, which is set only while
/// the queue runs it (on its writer thread).
/// </summary>
/// <remarks>
/// Writes run in queue order. A batch that fails is rolled back and its writes retried one by one
/// (<see cref="GroupCommitter{TItem}"/>), so a stale ETag or version fails its own turn alone. A broken connection
/// is dropped and a new one taken from the data source for the next batch: the server restarting heals by itself.
/// </remarks>
internal sealed class PgCommitQueue : ICommitQueue, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly GroupCommitter<PendingWrite> _committer;
    private NpgsqlConnection? _connection;
    private volatile string? _fault;

    public PgCommitQueue(NpgsqlDataSource source, TimeProvider? time = null)
    {
        _source = source;
        _time = time ?? TimeProvider.System;
        _committer = new GroupCommitter<PendingWrite>("SupportBot PostgreSQL writer", Commit);
    }

    public string? Fault => _fault;

    /// <summary>Runs <paramref name="write"/> in the next group transaction; completes when it is committed.</summary>
    public Task<T> EnqueueAsync<T>(Func<PgWrite, T> write)
    {
        var pending = new PendingWrite<T>(write);
        _committer.Add(pending);
        return pending.Committed.Task;
    }

    public Task CommitAsync(TurnWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Writes.Count == 0 ? Task.CompletedTask : EnqueueAsync(_ =>
        {
            foreach (var write in work.Writes)
            {
                write();
            }

            return true;
        });
    }

    public Task FlushAsync() => EnqueueAsync(_ => true);

    public Task ProbeAsync() => EnqueueAsync(write =>
        write.Execute("INSERT INTO health_probe (id, at) VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET at = excluded.at", ("at", _time.GetUtcNow())));

    public void Dispose()
    {
        _committer.Dispose();
        _connection?.Dispose();
    }

    /// <summary>
    /// The server or the connection failing (no connection, the server shutting down, out of disk or memory), as opposed
    /// to a write's own logic failing (a unique key, a conflict): only the first makes the turn apologise and /healthz fail.
    /// </summary>
    public static bool IsStorageFault(Exception error) => error switch
    {
        PostgresException server => server.SqlState[..2] is "08" or "53" or "57" or "58" or "XX",
        NpgsqlException => true,
        _ => false,
    };

    private void Commit(IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            var connection = _connection ??= _source.OpenConnection();
            using var transaction = connection.BeginTransaction();
            var write = new PgWrite(connection, transaction);
            using (PgWrite.Enter(write))
            {
                foreach (var pending in batch)
                {
                    pending.Run(write);
                }
            }

            transaction.Commit();
            _fault = null;
        }
        catch (Exception error)
        {
            if (IsStorageFault(error))
            {
                _fault = $"{error.GetType().Name}: {error.Message}";
            }

            if (_connection is { State: not System.Data.ConnectionState.Open })
            {
                _connection.Dispose();
                _connection = null;
            }

            throw;
        }
    }

    private abstract class PendingWrite : PendingCommit
    {
        public abstract void Run(PgWrite write);
    }

    private sealed class PendingWrite<T>(Func<PgWrite, T> write) : PendingWrite
    {
        private T _result = default!;

        public TaskCompletionSource<T> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(PgWrite pg) => _result = write(pg);

        public override void Complete() => Committed.TrySetResult(_result);

        public override void Fail(Exception error) => Committed.TrySetException(error);
    }
}

/// <summary>
/// The writer thread's open transaction, for a write closure queued by a store: <see cref="Current"/> is set while
/// <see cref="PgCommitQueue"/> runs the batch, and nowhere else (a closure run outside it is a programming error).
/// </summary>
internal sealed class PgWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    [ThreadStatic]
    private static PgWrite? _current;

    public static PgWrite Current => _current ?? throw new InvalidOperationException("A PostgreSQL write ran outside the commit queue's transaction.");

    public static IDisposable Enter(PgWrite write)
    {
        _current = write;
        return new Scope();
    }

    public NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs a statement in the transaction; the rows it touched.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => _current = null;
    }
}
