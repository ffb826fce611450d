using System.Globalization;
using System.Text.Json;
using Npgsql;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Direct Line transcripts on PostgreSQL (<c>dl_conversations</c>, <c>dl_activities</c>), shared by every instance. An
/// append takes the conversation's next number under its row lock and announces it with <c>NOTIFY</c> on
/// <see cref="Channel"/>, which <see cref="PgTranscriptListener"/> in every instance hears, so a WebSocket held by one
/// instance sends on what another appended.
/// </summary>
/// <remarks>
/// Not through the commit queue: an append is no part of any turn's transaction (replies are sent after their turn
/// commits), and its caller needs the number at once. Each append is one short transaction of its own.
/// </remarks>
internal sealed class PgDirectLineTranscripts(NpgsqlDataSource source) : IDirectLineTranscripts
{
    /// <summary>The NOTIFY channel; a channel is per database, so instances on other databases never hear each other.</summary>
    public const string Channel = "supportbot_directline";

    /// <summary>This instance's mark on what it announces: it has told its own streams already and skips its own notices.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    public async Task<bool> CreateAsync(ConversationHeader header, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        await using var command = source.CreateCommand(
            "INSERT INTO dl_conversations (id, user_id, user_name, count, created, last_active) VALUES (@id, @user, @name, 0, @created, @active) ON CONFLICT (id) DO NOTHING");
        command.Parameters.AddWithValue("id", header.Id);
        command.Parameters.AddWithValue("user", header.UserId);
        command.Parameters.AddWithValue("name", (object?)header.UserName ?? DBNull.Value);
        command.Parameters.AddWithValue("created", header.Created);
        command.Parameters.AddWithValue("active", header.LastActive);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ConversationHeader?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT id, user_id, user_name, count, created, last_active FROM dl_conversations WHERE id = @id");
        command.Parameters.AddWithValue("id", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Header(reader) : null;
    }

    public async Task<Activity> AppendAsync(string conversationId, Func<int, Activity> stamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int sequence;
        await using (var next = new NpgsqlCommand(
            "UPDATE dl_conversations SET count = count + 1, last_active = greatest(last_active, @now) WHERE id = @id RETURNING count", connection, transaction))
        {
            next.Parameters.AddWithValue("id", conversationId);
            next.Parameters.AddWithValue("now", now);
            sequence = await next.ExecuteScalarAsync(cancellationToken) is int taken ? taken : throw new ConversationEndedException();
        }

        var stamped = stamp(sequence);
        await WriteAsync(
            connection, transaction, "INSERT INTO dl_activities (conversation_id, sequence, activity) VALUES (@id, @sequence, @activity)",
            conversationId, sequence, stamped, TranscriptNotice.Appended, cancellationToken);
        return stamped;
    }

    public async Task<TranscriptPage> ReadAsync(string conversationId, int after, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the count and the rows agree.
        await using var command = source.CreateCommand(
            """
            SELECT c.count, a.activity FROM dl_conversations c
            LEFT JOIN dl_activities a ON a.conversation_id = c.id AND a.sequence > @after
            WHERE c.id = @id ORDER BY a.sequence
            """);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var activities = new List<Activity>();
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
            {
                activities.Add(JsonSerializer.Deserialize<Activity>(reader.GetString(1), BotJson.Options)!);
            }
        }

        return new TranscriptPage(activities, count);
    }

    public async Task<Activity?> ReplaceAsync(string conversationId, int sequence, Func<Activity, Activity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Activity original;
        await using (var read = new NpgsqlCommand("SELECT activity FROM dl_activities WHERE conversation_id = @id AND sequence = @sequence FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("id", conversationId);
            read.Parameters.AddWithValue("sequence", sequence);
            if (await read.ExecuteScalarAsync(cancellationToken) is not string json)
            {
                return null;
            }

            original = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
        }

        var kept = change(original);
        await WriteAsync(
            connection, transaction, "UPDATE dl_activities SET activity = @activity WHERE conversation_id = @id AND sequence = @sequence",
            conversationId, sequence, kept, TranscriptNotice.Replaced, cancellationToken);
        return kept;
    }

    public async Task<IReadOnlyList<ConversationHeader>> ListIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("SELECT id, user_id, user_name, count, created, last_active FROM dl_conversations WHERE last_active <= @cutoff");
        command.Parameters.AddWithValue("cutoff", cutoff);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var headers = new List<ConversationHeader>();
        while (await reader.ReadAsync(cancellationToken))
        {
            headers.Add(Header(reader));
        }

        return headers;
    }

    public async Task<int> StreamOpeningAsync(string conversationId, CancellationToken cancellationToken)
    {
        // The number and its notice in one transaction: every instance hears of an opening in the order of the numbers.
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var next = new NpgsqlCommand("UPDATE dl_conversations SET streams = streams + 1 WHERE id = @id RETURNING streams", connection, transaction))
        {
            next.Parameters.AddWithValue("id", conversationId);
            if (await next.ExecuteScalarAsync(cancellationToken) is not int number)
            {
                // Ended meanwhile: the stream finds that out on its first read and closes.
                return 0;
            }

            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", new TranscriptNotice(Origin, TranscriptNotice.StreamOpened, number, conversationId).ToString());
            await notify.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return number;
        }
    }

    public async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        // Its activities and uploads go with it (ON DELETE CASCADE).
        await using var command = source.CreateCommand("DELETE FROM dl_conversations WHERE id = @id");
        command.Parameters.AddWithValue("id", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes activity <paramref name="sequence"/> with <paramref name="sql"/>, announces it and commits: NOTIFY is sent
    /// by the commit (never before the row is there to read), and dropped by a rollback.
    /// </summary>
    private async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string conversationId, int sequence, Activity activity, char kind, CancellationToken cancellationToken)
    {
        await using (var write = new NpgsqlCommand(sql, connection, transaction))
        {
            write.Parameters.AddWithValue("id", conversationId);
            write.Parameters.AddWithValue("sequence", sequence);
            write.Parameters.AddWithValue("activity", JsonSerializer.Serialize(activity, BotJson.Options));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("payload", new TranscriptNotice(Origin, kind, sequence, conversationId).ToString());
        await notify.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static ConversationHeader Header(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetInt32(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}

/// <summary>
/// A NOTIFY payload: <c>{origin}|{a, r or o}|{number}|{conversation id}</c>: activity number appended or replaced, or
/// stream number opened. The conversation id comes last, so whatever it holds cannot shift the other fields.
/// </summary>
internal sealed record TranscriptNotice(string Origin, char Kind, int Sequence, string ConversationId)
{
    public const char Appended = 'a';
    public const char Replaced = 'r';
    public const char StreamOpened = 'o';

    public override string ToString() => $"{Origin}|{Kind}|{Sequence.ToString(CultureInfo.InvariantCulture)}|{ConversationId}";

    public static TranscriptNotice? Parse(string payload)
    {
        var parts = payload.Split('|', 4);
        return parts is [{ Length: > 0 } origin, [var kind and (Appended or Replaced or StreamOpened)], var number, { Length: > 0 } conversation]
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new TranscriptNotice(origin, kind, sequence, conversation)
            : null;
    }
}
