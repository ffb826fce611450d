using SupportBot.BotFramework.Schema;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// <see cref="HandledActivities"/> on PostgreSQL: the last activity ids a conversation handled, hashed, in the
/// <c>handled</c> column of its state row, written in the turn's transaction; an activity without a conversation has
/// an <c>idempotency</c> row instead (<see cref="PgIdempotencyRecords"/>).
/// </summary>
internal sealed class PgHandledActivities(PgBotStorage states, PgIdempotencyRecords records) : IHandledActivities
{
    public bool Seen(TurnWork work, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(activity);
        return HandledActivities.RowKey(activity) is { } key
            ? states.RowOf(work, key)?.Handled.Contains(HandledActivities.Hash(activity.Id!)) == true
            : records.Seen(HandledActivities.RecordKey(activity));
    }

    public void Record(TurnWork work, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(activity);
        if (HandledActivities.RowKey(activity) is not { } key)
        {
            records.Record(work, HandledActivities.RecordKey(activity));
            return;
        }

        var earlier = states.RowOf(work, key)?.Handled ?? [];
        states.SetHandled(work, key, [.. earlier.Skip(Math.Max(0, earlier.Length - (HandledActivities.Kept - 1))), HandledActivities.Hash(activity.Id!)]);
    }
}
