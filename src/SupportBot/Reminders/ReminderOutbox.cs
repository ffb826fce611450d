using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// Reminders through the outbox: a step's message (or an engineer's combined nudges, or the news of an automatic
/// close) is a row written in the transaction that records it on the ticket, and the outbox's dispatcher delivers it —
/// under its per-try timeout, again after a failure with growing waits or the channel's Retry-After, once, also after
/// a restart — and parks it after the last try, which is then recorded on the ticket as <c>reminderFailed</c>.
/// </summary>
/// <remarks>
/// A step's rows are keyed by ticket and recipient, so one person's steps of a ticket arrive in order (a nudge never
/// after its breach) while a recipient whose channel is failing holds up nobody else. The words and cards are drawn
/// when the row goes out, from the ticket as it is then; a step whose deadline was met meanwhile is not sent.
/// </remarks>
internal sealed partial class ReminderOutbox(
    IOutbox outbox, TicketService tickets, ReminderPlanner planner, ReminderMessages messages, ReminderHistory history, ILogger<ReminderOutbox> log)
    : IOutboxHandler
{
    /// <summary>This handler's outbox kind (also what a storage move reads payloads by).</summary>
    public const string OutboxKind = "reminder";

    public string Kind => OutboxKind;

    /// <summary>Queues one step's message, in the caller's unit of work.</summary>
    public void Queue(ReminderDelivery reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        outbox.Add(Kind, $"{reminder.Number}|{reminder.To.Key}", new ReminderMessage { What = ReminderMessageKind.Step, Steps = [OwedReminder.Of(reminder)] });
    }

    /// <summary>Queues an engineer's held nudges as one message, in the caller's unit of work.</summary>
    public void QueueDigest(string engineerId, IReadOnlyList<ReminderDelivery> nudges)
    {
        ArgumentNullException.ThrowIfNull(nudges);
        outbox.Add(Kind, $"digest|engineer:{engineerId}", new ReminderMessage { What = ReminderMessageKind.Digest, Target = engineerId, Steps = [.. nudges.Select(OwedReminder.Of)] });
    }

    /// <summary>Queues the news that the ticket closed by itself (reporter, rating card, handlers), in the caller's unit of work.</summary>
    public void QueueAutoClosed(string number) =>
        outbox.Add(Kind, number, new ReminderMessage { What = ReminderMessageKind.AutoClosed, Target = number });

    public async Task DeliverAsync(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Read<ReminderMessage>();
        if (row.What == ReminderMessageKind.AutoClosed)
        {
            if (tickets.Find(row.Target ?? "") is { } closed)
            {
                await messages.TellAutoClosedAsync(closed);
            }

            return;
        }

        var owed = row.Steps.Select(step => step.ToDelivery()).Select(r => (Ticket: StillOwing(r), Reminder: r)).Where(item => item.Ticket is not null).ToList();
        var outcome = owed.Count switch
        {
            0 => SendOutcome.Sent,
            1 => await messages.SendAsync(owed[0].Ticket!, owed[0].Reminder),
            _ => await messages.SendDigestAsync(row.Target ?? owed[0].Reminder.To.Id, [.. owed.Select(item => (item.Ticket!, item.Reminder))]),
        };
        if (outcome != SendOutcome.Sent)
        {
            // Given up for good (nobody to send to, or a refusal that no retry can change): the history says so.
            var reason = outcome == SendOutcome.Unreachable ? ReminderHistory.Unreachable : ReminderHistory.Refused;
            NotDelivered(log, string.Join(", ", owed.Select(item => item.Reminder.Key)), reason);
            await history.RecordFailedAsync([.. owed.Select(item => item.Reminder)], reason);
        }
    }

    public Task ParkedAsync(OutboxMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Read<ReminderMessage>();
        return history.RecordFailedAsync([.. row.Steps.Select(step => step.ToDelivery())], ReminderHistory.GaveUp);
    }

    /// <summary>The ticket, while it still owes the step: a deadline met (or restarted) since it was queued owes nothing.</summary>
    private Ticket? StillOwing(ReminderDelivery reminder) =>
        tickets.Find(reminder.Number) is { } ticket && planner.Steps(ticket).Any(step => step.Key == reminder.Step.Key) ? ticket : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Deliveries} was not delivered: {Reason}")]
    private static partial void NotDelivered(ILogger logger, string deliveries, string reason);
}
