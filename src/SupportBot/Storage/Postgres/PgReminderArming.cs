using Npgsql;
using SupportBot.Reminders;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Turns at arming the reminders' trigger across every instance on the database: a transaction-scoped advisory lock,
/// held on a connection of its own while the arming reads the wake-ups and moves the trigger (through Quartz's own
/// connections). Ending the transaction, or losing the connection with the process, lets the next instance go.
/// </summary>
internal sealed class PgReminderArming(NpgsqlDataSource source) : IReminderArming, IDisposable
{
    /// <summary>The advisory lock's key: a fixed number no other part of SupportBot uses ("SBremind").</summary>
    private const long LockKey = 0x5342_7265_6D69_6E64;

    // One turn per instance at a time in memory first, so that a busy instance holds one connection, not one per arming.
    private readonly SemaphoreSlim _local = new(1, 1);

    public bool Shared => true;

    public async Task<IAsyncDisposable> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await _local.WaitAsync(cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await source.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Turn(connection, transaction, _local);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _local.Release();
            throw;
        }
    }

    public void Dispose() => _local.Dispose();

    private sealed class Turn(NpgsqlConnection connection, NpgsqlTransaction transaction, SemaphoreSlim local) : IAsyncDisposable
    {
        private int _ended;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            try
            {
                // Nothing was written in it: the rollback only ends the transaction, and with it the lock.
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
            finally
            {
                local.Release();
            }
        }
    }
}
