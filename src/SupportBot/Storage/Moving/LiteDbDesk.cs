using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering;
using SupportBot.Knowledge;
using SupportBot.Reminders;
using SupportBot.Storage.Postgres;
using SupportBot.Tickets;

namespace SupportBot.Storage.Moving;

/// <summary>
/// Everything durable a LiteDB desk holds, read through each LiteDB store's own row mapping (their <c>All</c> methods),
/// before the PostgreSQL transaction opens: a damaged file fails here, and the transaction stays short.
/// </summary>
/// <remarks>
/// Not read, on purpose: web chat transcripts (on LiteDB they are bot-state rows under <c>directline/</c>; a visitor starts
/// a new conversation after the move, the tickets they filed stay theirs), the <c>health</c> probe row, and idempotency
/// records older than <see cref="IdempotencyRecords.Lifetime"/> (housekeeping would delete them within the hour anyway).
/// </remarks>
internal sealed record LiteDbDesk(
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<(DateOnly Day, int Serial, string? Number)> Serials,
    IReadOnlyList<(DateOnly Day, int Last)> Days,
    IReadOnlyList<(string Key, string? Json, long[] Handled)> States,
    IReadOnlyList<CardPost> CardPosts,
    IReadOnlyList<(string Id, UploadedFile File)> Files,
    IReadOnlyList<KnowledgeArticle> Articles,
    IReadOnlyList<DeflectionRecord> Deflections,
    (IReadOnlyList<(string Key, DateTimeOffset At)> Sent, DateTimeOffset? Since, byte[]? SigningKey) Reviews,
    IReadOnlyList<(OwedReminder Nudge, string EngineerId, DateTimeOffset FlushAt)> HeldNudges,
    IReadOnlyList<(string Number, DateTimeOffset At)> WakeUps,
    IReadOnlyList<(string Key, TriageChannel Channel)> TriageChannels,
    IReadOnlyList<ConversationReference> References,
    IReadOnlyList<MovedOutboxRow> Outbox,
    IReadOnlyList<(string HashedKey, DateTimeOffset At)> Idempotency)
{
    /// <summary>Bot-state keys of the web chat's one-process transcripts (StorageTranscripts), which PostgreSQL keeps in tables of its own.</summary>
    private const string TranscriptPrefix = "directline/";

    /// <summary>
    /// Each outbox kind's payload type: the mapper reads a LiteDB payload back as it, and it is written as PostgreSQL's
    /// JSON, so the handler reads the same message on either engine.
    /// </summary>
    private static readonly Dictionary<string, Type> Payloads = new(StringComparer.Ordinal)
    {
        [TicketBroadcaster.OutboxKind] = typeof(TicketEventMessage),
        [ReminderOutbox.OutboxKind] = typeof(ReminderMessage),
        [ArchiveDraftMessages.OutboxKind] = typeof(ArchiveDraftMessage),
        [Review.ReviewSender.Kind] = typeof(Review.ReviewMessage),
    };

    /// <summary>The outbox kinds a move knows the payload of.</summary>
    public static IReadOnlyCollection<string> OutboxKinds => Payloads.Keys;

    /// <summary>Reads the whole desk; <paramref name="now"/> decides which idempotency records are still alive.</summary>
    public static LiteDbDesk Read(ILiteDatabase database, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new LiteDbDesk(
            [.. LiteDbTicketStore.All(database)],
            [.. LiteDbTicketNumbers.Used(database)],
            [.. LiteDbTicketNumbers.Days(database)],
            [.. LiteDbBotStorage.All(database).Where(row => !row.Key.StartsWith(TranscriptPrefix, StringComparison.Ordinal))],
            [.. LiteDbCardPostStore.All(database)],
            [.. LiteDbTicketFiles.All(database)],
            [.. LiteDbKnowledgeStore.All(database)],
            [.. LiteDbDeflectionStore.All(database)],
            LiteDbReviewLedger.All(database),
            [.. LiteDbHeldNudges.All(database)],
            [.. LiteDbReminderWakeUps.All(database)],
            [.. LiteDbTriageChannelStore.All(database)],
            [.. LiteDbConversationReferenceStore.All(database)],
            [.. LiteDbOutboxRows.All(database).Select(row => new MovedOutboxRow(
                row.Kind, row.Key, PayloadJson(database.Mapper, row.Kind, row.Payload), row.State, row.Due, row.Attempts, row.Done, row.LastError, row.DeliveredAt))],
            [.. IdempotencyRecords.Since(database, now - IdempotencyRecords.Lifetime)]);
    }

    private static string PayloadJson(BsonMapper mapper, string kind, BsonDocument payload)
    {
        if (!Payloads.TryGetValue(kind, out var type))
        {
            throw new StorageMoveRefusedException($"The outbox holds a row of kind '{kind}', which this version cannot move; nothing was moved.");
        }

        return JsonSerializer.Serialize(mapper.Deserialize(type, payload), type, PgJson.Options);
    }
}

/// <summary>Why a move did not happen, in one line for the operator; the target is as it was.</summary>
internal sealed class StorageMoveRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
