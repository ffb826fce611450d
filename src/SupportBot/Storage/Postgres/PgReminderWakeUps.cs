using Npgsql;
using SupportBot.Reminders;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Reminder wake-ups on PostgreSQL (<c>reminder_wake_ups</c>: ticket number, time), indexed by time. Each write is its
/// own small entry on the commit queue, so it shares the turns' group commits.
/// </summary>
internal sealed class PgReminderWakeUps(NpgsqlDataSource source, PgCommitQueue commits) : IReminderWakeUps
{
    // A start-up rebuild of many tickets commits in pieces, so that no single transaction holds them all.
    private const int ReplaceChunk = 5_000;

    // An unchanged time writes nothing (the WHERE of the upsert): most changes to a ticket leave its wake-up alone.
    public Task SetAsync(string number, DateTimeOffset? at) => at is { } when
        ? commits.EnqueueAsync(write => Set(write, number, when))
        : commits.EnqueueAsync(write => write.Execute("DELETE FROM reminder_wake_ups WHERE number = @number", ("number", number)));

    // Only the difference is written: after a restart most rows are already what the tickets say.
    /// <summary>The ticket's wake-up, in the open transaction: set now, or moved from a LiteDB desk.</summary>
    internal static int Set(PgWrite write, string number, DateTimeOffset at) => write.Execute(
        "INSERT INTO reminder_wake_ups (number, at) VALUES (@number, @at) " +
        "ON CONFLICT (number) DO UPDATE SET at = excluded.at WHERE reminder_wake_ups.at <> excluded.at",
        ("number", number), ("at", at.ToUniversalTime()));

    public async Task ReplaceAllAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> wakeUps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUps);
        var stale = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using (var command = source.CreateCommand("SELECT number, at FROM reminder_wake_ups"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stale[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var changed = new List<(string Number, DateTimeOffset At)>();
        foreach (var (number, at) in wakeUps)
        {
            if (!stale.Remove(number, out var was) || was != at)
            {
                changed.Add((number, at));
            }
        }

        foreach (var chunk in stale.Keys.Chunk(ReplaceChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await commits.EnqueueAsync(write => write.Execute("DELETE FROM reminder_wake_ups WHERE number = ANY(@numbers)", ("numbers", chunk)));
        }

        foreach (var chunk in changed.Chunk(ReplaceChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string[] numbers = [.. chunk.Select(wakeUp => wakeUp.Number)];
            DateTime[] times = [.. chunk.Select(wakeUp => wakeUp.At.UtcDateTime)];
            await commits.EnqueueAsync(write => write.Execute(
                "INSERT INTO reminder_wake_ups (number, at) SELECT * FROM unnest(@numbers, @times) " +
                "ON CONFLICT (number) DO UPDATE SET at = excluded.at",
                ("numbers", numbers), ("times", times)));
        }
    }

    public IReadOnlyList<string> DueBy(DateTimeOffset now, int limit)
    {
        using var command = source.CreateCommand("SELECT number FROM reminder_wake_ups WHERE at <= @now ORDER BY at LIMIT @limit");
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var due = new List<string>();
        while (reader.Read())
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    public DateTimeOffset? Earliest()
    {
        using var command = source.CreateCommand("SELECT min(at) FROM reminder_wake_ups");
        return command.ExecuteScalar() is DateTime earliest ? new DateTimeOffset(DateTime.SpecifyKind(earliest, DateTimeKind.Utc)) : null;
    }
}
