using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LiteDB;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Which activities a conversation has handled, so that a channel's redelivery (even across a restart) is not run
/// again: the last <see cref="Kept"/> activity ids, hashed, in the conversation's own state row, written in the
/// turn's transaction with the state. One row read and written per turn instead of a row of its own per activity,
/// and bounded per conversation instead of by age.
/// </summary>
/// <remarks>
/// A redelivery comes within seconds or minutes of the first delivery, while a conversation has a few turns at most;
/// 32 covers that with room to spare. An activity without a conversation, and the rows of the
/// <see cref="IdempotencyRecords"/> collection written before this layout (kept for their day), use the collection.
/// </remarks>
internal sealed class HandledActivities(LiteDbBotStorage states, IdempotencyRecords records) : IHandledActivities
{
    public const string Field = "handled";
    internal const int Kept = 32;

    /// <summary>Whether <paramref name="activity"/> was handled before; read in <paramref name="work"/>, whose turn then reuses the row.</summary>
    public bool Seen(TurnWork work, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(activity);
        if (RowKey(activity) is not { } key)
        {
            return records.Seen(RecordKey(activity));
        }

        var hash = Hash(activity.Id!);
        return (Handled(states.Row(work, key)) is { } handled && handled.Any(entry => entry.AsInt64 == hash))
            || (records.HoldsEarlierLayout && records.Seen(RecordKey(activity)));
    }

    /// <summary>Records <paramref name="activity"/> as handled in <paramref name="work"/>'s transaction, after the turn's own writes.</summary>
    public void Record(TurnWork work, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(activity);
        if (RowKey(activity) is not { } key)
        {
            records.Record(work, RecordKey(activity));
            return;
        }

        var earlier = Handled(states.Row(work, key)) ?? [];
        var handled = new BsonArray(earlier.Skip(Math.Max(0, earlier.Count - (Kept - 1)))) { new BsonValue(Hash(activity.Id!)) };
        states.Amend(work, key, Field, handled);
    }

    internal static string? RowKey(Activity activity) =>
        activity is { ChannelId: { } channel, Conversation.Id: { } conversation } ? ConversationState.StorageKey(channel, conversation) : null;

    internal static string RecordKey(Activity activity) => $"activity|{activity.ChannelId}|{activity.Conversation?.Id}|{activity.Id}";

    private static BsonArray? Handled(BsonDocument? row) =>
        row is not null && row.TryGetValue(Field, out var handled) && handled.IsArray ? handled.AsArray : null;

    /// <summary>64 bits of the id's SHA-256: ids run to a hundred characters, and two ids of one conversation never meet by chance.</summary>
    internal static long Hash(string activityId) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(activityId)));
}
