using Npgsql;
using NpgsqlTypes;
using SupportBot.Common;
using SupportBot.Reminders;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Held nudges on PostgreSQL (<c>held_nudges</c>), one row per delivery key, so holding the same nudge twice keeps one
/// row. Inside a unit of work a write joins its transaction; outside one it is committed before the call returns.
/// </summary>
internal sealed class PgHeldNudges(NpgsqlDataSource source, PgCommitQueue commits) : IHeldNudges
{
    public void Hold(OwedReminder nudge, string engineerId, DateTimeOffset flushAt)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        Write(write => Upsert(write, nudge, engineerId, flushAt));
    }

    /// <summary>A held nudge's row, in the open transaction: held now, or moved from a LiteDB desk.</summary>
    internal static void Upsert(PgWrite write, OwedReminder nudge, string engineerId, DateTimeOffset flushAt)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(nudge);
        using var command = write.Command(
            "INSERT INTO held_nudges (key, engineer, number, flush_at, nudge) VALUES (@key, @engineer, @number, @at, @nudge) " +
            "ON CONFLICT (key) DO UPDATE SET engineer = excluded.engineer, number = excluded.number, flush_at = excluded.flush_at, nudge = excluded.nudge",
            ("key", nudge.ToDelivery().Key), ("engineer", engineerId), ("number", nudge.Number), ("at", flushAt.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("nudge", NpgsqlDbType.Jsonb) { Value = PgJson.Write(nudge) });
        command.ExecuteNonQuery();
    }

    public void Release(IEnumerable<string> deliveryKeys)
    {
        string[] keys = [.. deliveryKeys];
        if (keys.Length > 0)
        {
            Write(write => write.Execute("DELETE FROM held_nudges WHERE key = ANY(@keys)", ("keys", keys)));
        }
    }

    public IReadOnlySet<string> KeysOf(string number)
    {
        using var command = source.CreateCommand("SELECT key FROM held_nudges WHERE number = @number");
        command.Parameters.AddWithValue("number", number);
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public IReadOnlyList<HeldNudge> Of(string engineerId)
    {
        using var command = source.CreateCommand("SELECT nudge::text, flush_at FROM held_nudges WHERE engineer = @engineer");
        command.Parameters.AddWithValue("engineer", engineerId);
        using var reader = command.ExecuteReader();
        var held = new List<HeldNudge>();
        while (reader.Read())
        {
            held.Add(new HeldNudge(PgJson.Read<OwedReminder>(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return held;
    }

    public IReadOnlyList<(string EngineerId, DateTimeOffset FlushAt)> Windows()
    {
        using var command = source.CreateCommand("SELECT engineer, min(flush_at) FROM held_nudges GROUP BY engineer");
        using var reader = command.ExecuteReader();
        var windows = new List<(string, DateTimeOffset)>();
        while (reader.Read())
        {
            windows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return windows;
    }

    private void Write(Action<PgWrite> write)
    {
        if (TurnWork.Current is { } work)
        {
            work.Write(() => write(PgWrite.Current));
            return;
        }

        commits.EnqueueAsync(pg => { write(pg); return true; }).GetAwaiter().GetResult();
    }
}
