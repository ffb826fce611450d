using Npgsql;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage.Postgres;

/// <summary>A ticket serial this instance holds until its ticket commits; the token tells its claim from a later one.</summary>
internal readonly record struct SerialClaim(DateOnly Day, int Serial, Guid Token);

/// <summary>
/// Each day's ticket serials when several instances share the database (migration 0019). A serial is claimed in a
/// statement of its own before the ticket's transaction — the lowest free one of the day, else the day's next — so
/// two instances never hold one serial and no transaction waits on another's numbering. The ticket's transaction
/// deletes the claim as it records the serial; a rollback gives the claim back and a dead instance's claim runs out,
/// and either way the next creation of the day takes that serial first: no gap, no number told twice.
/// </summary>
/// <remarks>
/// Why not number inside the ticket's transaction (a counter row's <c>UPDATE … RETURNING</c>): the turn composes the
/// reporter's reply, the engineers' card and the conversation's state with the number before it commits, and the
/// counter row's lock would make every instance's Submit wait for the others' commits. The claims' clock is the
/// database's (<c>now()</c>), one clock for every instance.
/// </remarks>
internal sealed class PgTicketSerials(NpgsqlDataSource source)
{
    /// <summary>Far longer than a turn and its retries take; a claim still held past it is taken to be a dead instance's.</summary>
    internal static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    private const string TakeFree = """
        UPDATE ticket_serial_claims AS claim SET token = @token, until = now() + @lifetime
        FROM (SELECT day, serial FROM ticket_serial_claims
              WHERE day = @day AND (until IS NULL OR until < now())
              ORDER BY serial LIMIT 1 FOR UPDATE SKIP LOCKED) AS free
        WHERE claim.day = free.day AND claim.serial = free.serial
        RETURNING claim.serial
        """;

    private const string TakeNext = """
        WITH next AS (
            INSERT INTO ticket_days AS days (day, last) VALUES (@day, 1)
            ON CONFLICT (day) DO UPDATE SET last = days.last + 1
            RETURNING last)
        INSERT INTO ticket_serial_claims (day, serial, token, until)
        SELECT @day, last, @token, now() + @lifetime FROM next
        RETURNING serial
        """;

    public async Task<SerialClaim> TakeAsync(DateOnly day)
    {
        var token = Guid.NewGuid();
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // The claim's commit need not wait for its log record on disk: the ticket's own commit, later in the same
        // log, flushes it; and a claim lost with the database server belonged to a ticket nobody was told about.
        // Waiting would make every Submit queue behind the others' disk writes on the day's counter row.
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit TO OFF", connection, transaction))
        {
            await relaxed.ExecuteNonQueryAsync();
        }

        var serial = await TakeAsync(connection, transaction, TakeFree, day, token) ?? await TakeAsync(connection, transaction, TakeNext, day, token);
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

    private static async Task<int?> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, DateOnly day, Guid token)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("lifetime", ClaimLifetime);
        return await command.ExecuteScalarAsync() is int serial ? serial : null;
    }
}
