using Npgsql;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage.Postgres;

/// <summary>A ticket serial this instance holds until its ticket commits; the token tells its claim from a later one.</summary>
internal readonly record struct SerialClaim(DateOnly Day, int Serial, Guid Token);

/// <summary>
/// Each day's ticket serials when several instances share the database (migration 0019). A serial is claimed in a
/// statement of its own before the ticket's transaction — the lowest free one of the day, else the day's next — so
/// two instances never hold one serial and no transaction waits on another's numbering. The ticket's transaction
/// deletes the claim as it records the serial; a rollback gives the claim back, and a dead instance's claims are free
/// as soon as it is gone: the next creation of the day takes that serial first: no gap, no number told twice.
/// </summary>
/// <remarks>
/// Why not number inside the ticket's transaction (a counter row's <c>UPDATE … RETURNING</c>): the turn composes the
/// reporter's reply, the engineers' card and the conversation's state with the number before it commits, and the
/// counter row's lock would make every instance's Submit wait for the others' commits. The claims' clock is the
/// database's (<c>now()</c>), one clock for every instance.
/// <para>
/// An instance is alive while it holds a session advisory lock (<see cref="LockSpace"/>, its holder number) on a
/// connection of its own: a process killed mid-Submit loses the connection and so the lock, and the database frees
/// its claims at once instead of after <see cref="ClaimLifetime"/>. Whatever frees a claim too early (a lost lock
/// connection, a slow turn), the token makes it safe: the late commit finds its claim gone and conflicts, and the
/// turn is run again on a new serial.
/// </para>
/// </remarks>
internal sealed class PgTicketSerials(NpgsqlDataSource source) : IDisposable
{
    /// <summary>The advisory locks' first key: any fixed number no other part of SupportBot uses ("SBNO").</summary>
    internal const int LockSpace = 0x5342_4E4F;

    private readonly int _holder = Random.Shared.Next(1, int.MaxValue);
    private readonly SemaphoreSlim _aliveGate = new(1, 1);
    private NpgsqlConnection? _alive;

    /// <summary>Far longer than a turn and its retries take; a claim still held past it is taken to be a dead instance's.</summary>
    internal static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    private const string TakeFree = """
        UPDATE ticket_serial_claims AS claim SET token = @token, until = now() + @lifetime, holder = @holder
        FROM (SELECT c.day, c.serial FROM ticket_serial_claims c
              WHERE c.day = @day
                AND (c.until IS NULL OR c.until < now() OR NOT EXISTS (
                    SELECT 1 FROM pg_locks l
                    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                      AND l.classid::bigint = @space AND l.objid::bigint = c.holder))
              ORDER BY c.serial LIMIT 1 FOR UPDATE SKIP LOCKED) AS free
        WHERE claim.day = free.day AND claim.serial = free.serial
        RETURNING claim.serial
        """;

    private const string TakeNext = """
        WITH next AS (
            INSERT INTO ticket_days AS days (day, last) VALUES (@day, 1)
            ON CONFLICT (day) DO UPDATE SET last = days.last + 1
            RETURNING last)
        INSERT INTO ticket_serial_claims (day, serial, token, until, holder)
        SELECT @day, last, @token, now() + @lifetime, @holder FROM next
        RETURNING serial
        """;

    public async Task<SerialClaim> TakeAsync(DateOnly day)
    {
        var token = Guid.NewGuid();
        await StayAliveAsync();
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // The claim's commit need not wait for its log record on disk: the ticket's own commit, later in the same
        // log, flushes it; and a claim lost with the database server belonged to a ticket nobody was told about.
        // Waiting would make every Submit queue behind the others' disk writes on the day's counter row.
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit TO OFF", connection, transaction))
        {
            await relaxed.ExecuteNonQueryAsync();
        }

        var serial = await TakeAsync(connection, transaction, TakeFree, day, token, _holder) ?? await TakeAsync(connection, transaction, TakeNext, day, token, _holder);
        await transaction.CommitAsync();
        return new SerialClaim(day, serial ?? throw new InvalidOperationException($"No serial could be claimed for {day:yyyy-MM-dd}."), token);
    }

    /// <summary>Inside the ticket's transaction: the claim becomes the day's committed serial, or the creation conflicts.</summary>
    /// <exception cref="StorageConflictException">The claim ran out and another creation took the serial meanwhile.</exception>
    public static void Record(PgWrite write, SerialClaim claim, string number)
    {
        var held = write.Execute(
            "DELETE FROM ticket_serial_claims WHERE day = @day AND serial = @serial AND token = @token",
            ("day", claim.Day), ("serial", claim.Serial), ("token", claim.Token));
        if (held == 0)
        {
            throw new StorageConflictException($"The claim on serial {claim.Serial} of {claim.Day:yyyy-MM-dd} ran out before its ticket committed.");
        }

        write.Execute("INSERT INTO ticket_serials (day, serial, number) VALUES (@day, @serial, @number)", ("day", claim.Day), ("serial", claim.Serial), ("number", number));
    }

    /// <summary>
    /// A moved desk's used serial (Moving/MoveToPostgreSql), in the open transaction: recorded, and the day's counter
    /// raised to it.
    /// </summary>
    internal static void RecordMoved(PgWrite write, DateOnly day, int serial, string number)
    {
        CountDay(write, day, serial);
        write.Execute("INSERT INTO ticket_serials (day, serial, number) VALUES (@day, @serial, @number)", ("day", day), ("serial", serial), ("number", number));
    }

    /// <summary>Raises the day's counter to at least <paramref name="last"/> (a moved desk's day).</summary>
    internal static void CountDay(PgWrite write, DateOnly day, int last) => write.Execute(
        "INSERT INTO ticket_days (day, last) VALUES (@day, @last) ON CONFLICT (day) DO UPDATE SET last = GREATEST(ticket_days.last, excluded.last)",
        ("day", day),
        ("last", last));

    /// <summary>
    /// After a move: the serials below each recent day's counter that no ticket holds (a creation that died on the old
    /// desk) become free claims, so the next creations of the day take them first, as they would have there.
    /// </summary>
    internal static void FreeHoles(PgWrite write) => write.Execute("""
        INSERT INTO ticket_serial_claims (day, serial)
        SELECT d.day, s.serial
        FROM ticket_days d
        CROSS JOIN LATERAL generate_series(1, d.last) AS s(serial)
        WHERE d.day >= current_date - 1
          AND NOT EXISTS (SELECT 1 FROM ticket_serials t WHERE t.day = d.day AND t.serial = s.serial)
        ON CONFLICT DO NOTHING
        """);

    /// <summary>The creation rolled back: the serial is free for the next creation of its day at once.</summary>
    /// <remarks>
    /// Best effort: when the database cannot be reached (often why the creation failed) the claim runs out by itself
    /// after <see cref="ClaimLifetime"/>, and the serial is taken again then.
    /// </remarks>
    public void GiveBack(SerialClaim claim)
    {
        try
        {
            using var command = source.CreateCommand("UPDATE ticket_serial_claims SET token = NULL, until = NULL WHERE day = @day AND serial = @serial AND token = @token");
            command.Parameters.AddWithValue("day", claim.Day);
            command.Parameters.AddWithValue("serial", claim.Serial);
            command.Parameters.AddWithValue("token", claim.Token);
            command.ExecuteNonQuery();
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The claim's lifetime gives the serial back instead.
        }
    }

    /// <summary>This instance stops: its lock is let go, so its claims are free at once.</summary>
    /// <remarks>Explicitly: a pooled connection keeps its session's locks until it is next used.</remarks>
    public void Dispose()
    {
        if (_alive is { State: System.Data.ConnectionState.Open } alive)
        {
            try
            {
                using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @holder)", alive);
                release.Parameters.AddWithValue("space", LockSpace);
                release.Parameters.AddWithValue("holder", _holder);
                release.ExecuteNonQuery();
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The connection is gone, and the lock with it.
            }
        }

        _alive?.Dispose();
        _aliveGate.Dispose();
    }

    /// <summary>Holds this instance's advisory lock on a connection of its own, opened again if it was closed.</summary>
    /// <remarks>
    /// A connection the server dropped shows as open until it is used; until then this instance's claims look dead and
    /// another may take one, which its commit then meets as a conflict (above), and the turn runs again.
    /// </remarks>
    private async Task StayAliveAsync()
    {
        if (_alive is { State: System.Data.ConnectionState.Open })
        {
            return;
        }

        await _aliveGate.WaitAsync();
        try
        {
            if (_alive is { State: System.Data.ConnectionState.Open })
            {
                return;
            }

            if (_alive is not null)
            {
                await _alive.DisposeAsync();
            }

            var connection = await source.OpenConnectionAsync();
            await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @holder)", connection))
            {
                hold.Parameters.AddWithValue("space", LockSpace);
                hold.Parameters.AddWithValue("holder", _holder);
                await hold.ExecuteNonQueryAsync();
            }

            _alive = connection;
        }
        finally
        {
            _aliveGate.Release();
        }
    }

    private static async Task<int?> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, DateOnly day, Guid token, int holder)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("holder", holder);
        command.Parameters.AddWithValue("space", (long)LockSpace);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("lifetime", ClaimLifetime);
        return await command.ExecuteScalarAsync() is int serial ? serial : null;
    }
}
