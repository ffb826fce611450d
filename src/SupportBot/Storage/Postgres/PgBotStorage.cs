using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Bot state on PostgreSQL (<c>bot_state</c>): the dialog engine's JSON and an ETag per key. Inside a turn a write joins
/// the turn's transaction and later reads of the turn see it; outside a turn it commits alone.
/// </summary>
/// <remarks>
/// Optimistic concurrency holds across instances: a write with an ETag is an UPDATE whose WHERE names that ETag, so if
/// another instance committed a change in between, it touches no row and the whole transaction fails with
/// <see cref="StorageConflictException"/> instead of overwriting. The ETag is also checked early, when the turn
/// writes, so a conflict within this process is found before the commit.
/// </remarks>
internal sealed class PgBotStorage(NpgsqlDataSource source, PgCommitQueue commits) : IStorage
{
    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>();
        foreach (var key in keys)
        {
            if (Current(key) is { State: { } json, ETag: var etag })
            {
                found[key] = new StoreItem(JsonDocument.Parse(json).RootElement, etag);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var etags = changes.ToDictionary(change => change.Key, _ => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        await Write([.. changes.Select(change => new Change(change.Key, change.Value.Document.GetRawText(), change.Value.ETag, etags[change.Key]))]);
        return etags;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Write([.. keys.Select(key => new Change(key, null, ETags.Any, null))]);
    }

    /// <summary>The row of <paramref name="key"/> as <paramref name="work"/> will leave it (its own write first), read once per turn.</summary>
    internal Row? RowOf(TurnWork work, string key)
    {
        var turn = Turn(work);
        return turn.TryGetValue(key, out var row) ? row : turn[key] = Load(key);
    }

    /// <summary>Sets the handled activities of <paramref name="key"/> in the turn's transaction; the state and its ETag stay.</summary>
    internal void SetHandled(TurnWork work, string key, long[] handled)
    {
        var before = RowOf(work, key);
        Turn(work)[key] = (before ?? new Row(null, null, [])) with { Handled = handled };
        work.Write(() => WriteHandled(PgWrite.Current, key, handled));
    }

    /// <summary>
    /// A conversation's or user's row as another store kept it (a moved LiteDB desk): its state under a new ETag, so a
    /// reader holding the old one writes after reading again, and the activities it handled.
    /// </summary>
    internal static void Import(PgWrite write, string key, string? state, long[] handled)
    {
        if (state is not null)
        {
            ApplyChange(write, new Change(key, state, null, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)));
        }

        WriteHandled(write, key, handled);
    }

    private static void WriteHandled(PgWrite write, string key, long[] handled) => write.Execute(
        "INSERT INTO bot_state (key, handled) VALUES (@key, @handled) ON CONFLICT (key) DO UPDATE SET handled = excluded.handled",
        ("key", key),
        ("handled", handled));

    private Task Write(IReadOnlyList<Change> changes)
    {
        var work = TurnWork.Current;
        foreach (var change in changes)
        {
            if (change.Expected is not (null or ETags.Any) && !ETags.Matches(change.Expected, Current(change.Key)?.ETag))
            {
                throw new StorageConflictException($"'{change.Key}' was changed by someone else (ETag {change.Expected} is stale).");
            }
        }

        void Apply()
        {
            foreach (var change in changes)
            {
                ApplyChange(PgWrite.Current, change);
            }
        }

        if (work is null)
        {
            return commits.EnqueueAsync(_ => { Apply(); return true; });
        }

        var turn = Turn(work);
        foreach (var change in changes)
        {
            turn[change.Key] = new Row(change.State, change.NewETag, RowOf(work, change.Key)?.Handled ?? []);
        }

        work.Write(Apply);
        return Task.CompletedTask;
    }

    /// <summary>One key's change in the open transaction; a stale ETag fails the transaction as a conflict.</summary>
    private static void ApplyChange(PgWrite write, Change change)
    {
        if (change.State is null)
        {
            // The handled activities outlive a reset of the state: a redelivery after it is still not run again.
            write.Execute("UPDATE bot_state SET state = NULL, etag = NULL WHERE key = @key", ("key", change.Key));
            return;
        }

        using var command = change.Expected is null or ETags.Any
            ? write.Command(
                "INSERT INTO bot_state (key, state, etag) VALUES (@key, @state, @etag) ON CONFLICT (key) DO UPDATE SET state = excluded.state, etag = excluded.etag",
                ("key", change.Key),
                ("etag", change.NewETag))
            : write.Command(
                "UPDATE bot_state SET state = @state, etag = @etag WHERE key = @key AND etag = @expected",
                ("key", change.Key),
                ("etag", change.NewETag),
                ("expected", change.Expected));
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Json) { Value = change.State });
        if (command.ExecuteNonQuery() == 0)
        {
            throw new StorageConflictException($"'{change.Key}' was changed by someone else before this write committed (ETag {change.Expected} is stale).");
        }
    }

    /// <summary>The newest state and ETag of <paramref name="key"/>: this turn's own write first, then the database.</summary>
    private Row? Current(string key) => TurnWork.Current is { } work ? RowOf(work, key) : Load(key);

    private Row? Load(string key)
    {
        using var command = source.CreateCommand("SELECT state::text, etag, handled FROM bot_state WHERE key = @key");
        command.Parameters.AddWithValue("key", key);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Row(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<long[]>(2))
            : null;
    }

    private Dictionary<string, Row?> Turn(TurnWork work)
    {
        if (!work.Items.TryGetValue(this, out var rows))
        {
            rows = new Dictionary<string, Row?>(StringComparer.Ordinal);
            work.Items[this] = rows;
        }

        return (Dictionary<string, Row?>)rows;
    }

    /// <summary>A state row: the JSON (null when deleted), its ETag, and the conversation's handled activities.</summary>
    internal sealed record Row(string? State, string? ETag, long[] Handled);

    private sealed record Change(string Key, string? State, string? Expected, string? NewETag);
}
