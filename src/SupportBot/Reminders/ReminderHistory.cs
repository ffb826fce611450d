using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// The ticket's history as the reminders' ledger: which step went to whom (queued to the outbox), which could not,
/// and which was overtaken. Every record refreshes the ticket's posted cards, whose buttons carry its version.
/// </summary>
internal sealed class ReminderHistory(IJobTransactions jobs, TicketService tickets, TicketBroadcaster broadcaster, TimeProvider time)
{
    public const string Unreachable = "no conversation with the recipient: they have not opened SupportBot";
    public const string Refused = "the channel refused the message";
    public const string GaveUp = "the channel did not accept the message after every retry";

    /// <summary>The step's message is queued: <c>reminded</c>, or <c>escalated</c> when it climbs the ladder.</summary>
    public static HistoryEntry Queued(ReminderDelivery reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return HistoryEntry.Of(Actor.System, now, reminder.IsEscalation ? HistoryKinds.Escalated : HistoryKinds.Reminded, reminder.Step.Key, reminder.To.Key);
    }

    public static HistoryEntry Failed(ReminderDelivery reminder, DateTimeOffset now, string reason)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return HistoryEntry.Of(Actor.System, now, HistoryKinds.ReminderFailed, reminder.Step.Key, reminder.To.Key, reason);
    }

    /// <summary>Records <paramref name="entries"/> in the caller's unit of work; the ticket as saved, or as it was when there is nothing to record.</summary>
    public Ticket Record(Ticket ticket, IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0 || tickets.Record(ticket.Number, entries) is not { } saved)
        {
            return ticket;
        }

        broadcaster.Publish(new TicketEvent(saved, null, Actor.System) { RefreshOnly = true });
        return saved;
    }

    /// <summary>
    /// Records <paramref name="entries"/> onto the ticket as <paramref name="seen"/>, in the caller's unit of work: the
    /// claim of a reminder pass. A pass on another instance that recorded first makes this one a conflict, and nothing
    /// of this unit (the outbox rows with it) commits: each step is sent once across the instances.
    /// </summary>
    public Ticket RecordClaimed(Ticket seen, IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return seen;
        }

        var saved = tickets.RecordOnto(seen, entries);
        broadcaster.Publish(new TicketEvent(saved, null, Actor.System) { RefreshOnly = true });
        return saved;
    }

    /// <summary>Records, in a unit of its own, that the deliveries' messages could not be delivered.</summary>
    public Task RecordFailedAsync(IReadOnlyList<ReminderDelivery> reminders, string reason)
    {
        var now = time.GetUtcNow();
        return jobs.RunAsync(() =>
        {
            foreach (var ofTicket in reminders.GroupBy(r => r.Number, StringComparer.Ordinal))
            {
                if (tickets.Find(ofTicket.Key) is { } ticket)
                {
                    Record(ticket, [.. ofTicket.Select(r => Failed(r, now, reason))]);
                }
            }

            return true;
        });
    }
}
