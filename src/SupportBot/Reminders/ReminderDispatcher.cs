using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Reminders;

/// <summary>
/// What happens when a ticket's reminders wake: every step now due is queued to the outbox (or held for a digest),
/// recorded in the ticket's history in the same transaction — which is what makes a step happen once, across restarts
/// — and the ticket's next wake-up is set from what it still owes.
/// </summary>
/// <remarks>
/// The record and the message are one commit: a crash before it leaves the step owed (the next start sends it), a
/// crash after it leaves the outbox row, which the dispatcher delivers. Retrying a failed send is the outbox's job.
/// </remarks>
internal sealed partial class ReminderDispatcher(
    TicketService tickets,
    ReminderPlanner planner,
    ReminderMessages messages,
    ReminderOutbox outbox,
    ReminderHistory history,
    NudgeDigests digests,
    IJobTransactions jobs,
    IReminderScheduler scheduler,
    TicketBroadcaster broadcaster,
    TicketLocks locks,
    ArchiveSteps archive,
    TimeProvider time,
    ILogger<ReminderDispatcher> log)
{
    private int _busy;

    /// <summary>Passes under way (tests wait for none).</summary>
    public int Busy => Volatile.Read(ref _busy);

    public async Task RemindAsync(string number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            using var _ = await locks.EnterAsync(number, cancellationToken);
            if (tickets.Find(number) is not { } ticket)
            {
                await scheduler.WakeTicketAsync(number, null, cancellationToken);
                return;
            }

            var now = time.GetUtcNow();
            var held = digests.KeysOf(number);
            var entries = new List<HistoryEntry>();
            var closeNow = false;
            var archiveSteps = new List<ReminderDelivery>();
            var queue = new List<ReminderDelivery>();
            var hold = new List<ReminderDelivery>();
            foreach (var reminder in Latest(planner.Pending(ticket, r => held.Contains(r.Key)).Where(r => r.Step.At <= now && !held.Contains(r.Key)), entries, now))
            {
                ReminderTelemetry.Handled(reminder, now);
                if (reminder.Step.Deadline == DeadlineKind.Archive)
                {
                    // Not a reminder message: the draft travels through the outbox, and the deadline archives the ticket.
                    archiveSteps.Add(reminder);
                }
                else if (reminder.Step.Kind == ReminderStepKind.AutoClose)
                {
                    closeNow = true;
                }
                else if (digests.MayHold(ticket, reminder))
                {
                    hold.Add(reminder);
                }
                else if (await messages.ReachableAsync(ticket, reminder.To))
                {
                    queue.Add(reminder);
                    entries.Add(ReminderHistory.Queued(reminder, now));
                }
                else
                {
                    GaveUp(log, reminder.Number, reminder.Step.Key, reminder.To.Key, ReminderHistory.Unreachable);
                    entries.Add(ReminderHistory.Failed(reminder, now, ReminderHistory.Unreachable));
                }
            }

            if (entries.Count > 0 || hold.Count > 0)
            {
                var seen = ticket;
                (ticket, var windows) = await jobs.RunAsync(() =>
                {
                    queue.ForEach(outbox.Queue);
                    var opened = hold.Select(reminder => digests.Hold(reminder, now)).Distinct().ToList();
                    return (history.RecordClaimed(seen, entries), opened);
                });
                foreach (var (engineerId, flushAt) in windows)
                {
                    await digests.ScheduleAsync(engineerId, flushAt, cancellationToken);
                }
            }

            if (archiveSteps.Count > 0)
            {
                ticket = await archive.RunAsync(ticket, archiveSteps, now);
            }

            if (closeNow)
            {
                ticket = await AutoCloseAsync(ticket);
            }

            await WakeNextAsync(ticket, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    /// <summary>
    /// Sets the ticket's wake-up again after it changed: earlier, later, or not at all once nothing is owed. Returns
    /// once the write is queued under the ticket's lock; the task it returns completes when the write is committed,
    /// so that many changes share one commit.
    /// </summary>
    public async Task<Task> RescheduleAsync(string number, CancellationToken cancellationToken)
    {
        using var _ = await locks.EnterAsync(number, cancellationToken);
        var ticket = tickets.Find(number);
        return scheduler.WakeTicketAsync(number, ticket is null ? null : NextWakeOf(ticket), cancellationToken);
    }

    /// <summary>
    /// Queues an engineer's held nudges as one message, leaving out whatever was done in the meantime: the message, the
    /// records on every ticket it names and the release of the held rows are one transaction.
    /// </summary>
    public async Task FlushDigestAsync(string engineerId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            var held = digests.Of(engineerId);
            if (held.Count == 0)
            {
                return;
            }

            var reminders = held.Select(h => h.Nudge.ToDelivery()).ToList();
            var keys = reminders.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var numbers = reminders.Select(r => r.Number).Distinct(StringComparer.Ordinal).ToList();
            using (await locks.EnterAllAsync(numbers, cancellationToken))
            {
                var owed = reminders
                    .Select(reminder => (Ticket: tickets.Find(reminder.Number), Reminder: reminder))
                    .Where(item => item.Ticket is not null && planner.Pending(item.Ticket, r => keys.Contains(r.Key)).Any(p => p.Key == item.Reminder.Key))
                    .Select(item => (Ticket: item.Ticket!, item.Reminder))
                    .ToList();
                var reachable = owed.Count > 0 && await messages.ReachableAsync(owed[0].Ticket, owed[0].Reminder.To);
                var now = time.GetUtcNow();
                await jobs.RunAsync(() =>
                {
                    if (reachable)
                    {
                        outbox.QueueDigest(engineerId, [.. owed.Select(item => item.Reminder)]);
                    }

                    digests.Release(keys);
                    foreach (var ofTicket in owed.GroupBy(item => item.Ticket.Number, StringComparer.Ordinal))
                    {
                        history.Record(ofTicket.First().Ticket, [.. ofTicket.Select(item => reachable
                            ? ReminderHistory.Queued(item.Reminder, now)
                            : ReminderHistory.Failed(item.Reminder, now, ReminderHistory.Unreachable))]);
                    }

                    return true;
                });
                foreach (var number in numbers)
                {
                    if (tickets.Find(number) is { } ticket)
                    {
                        await WakeNextAsync(ticket, cancellationToken);
                    }
                }
            }

            // A nudge held while this flush ran joined the window just flushed: it goes at once, in a window of its own.
            if (digests.Of(engineerId) is { Count: > 0 } later)
            {
                await digests.ScheduleAsync(engineerId, later.Min(h => h.FlushAt), cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    /// <summary>A failed flush (the transaction did not commit) leaves the nudges held: it is tried again a minute later.</summary>
    public Task FlushLaterAsync(string engineerId, CancellationToken cancellationToken) =>
        digests.ScheduleAsync(engineerId, time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>A failed pass is tried again a minute later, so no ticket is forgotten because of one error.</summary>
    public Task WakeLaterAsync(string number, CancellationToken cancellationToken) =>
        scheduler.WakeTicketAsync(number, time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>When the ticket next owes something: its earliest pending step that is not held for a digest.</summary>
    public DateTimeOffset? NextWakeOf(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var held = digests.KeysOf(ticket.Number);
        return planner.Pending(ticket, r => held.Contains(r.Key)).Where(r => !held.Contains(r.Key)).Select(r => (DateTimeOffset?)r.Step.At).Min();
    }

    /// <summary>
    /// After downtime several steps of one deadline can be due for one person at once: only the latest is sent (its
    /// text says how late it is), the earlier ones are recorded as skipped, so each falls due once, not once per miss.
    /// </summary>
    private static IEnumerable<ReminderDelivery> Latest(IEnumerable<ReminderDelivery> due, List<HistoryEntry> entries, DateTimeOffset now)
    {
        foreach (var group in due.GroupBy(r => (r.Step.Deadline, r.Step.DeadlineStartedAt, r.To.Key)))
        {
            var ordered = group.OrderBy(r => r.Step.At).ToList();
            foreach (var overtaken in ordered.SkipLast(1))
            {
                entries.Add(HistoryEntry.Of(Actor.System, now, HistoryKinds.ReminderSkipped, overtaken.Step.Key, overtaken.To.Key, "overtaken by a later step of the same deadline"));
            }

            yield return ordered[^1];
        }
    }

    /// <summary>Closes the ticket and queues the news of it in one transaction: the close and its messages land together.</summary>
    private Task<Ticket> AutoCloseAsync(Ticket ticket) => jobs.RunAsync(() =>
    {
        var change = tickets.Apply(ticket, TicketAction.AutoClose, Actor.System, note: messages.AutoCloseNote(ticket));
        if (!change.Applied)
        {
            return change.Ticket ?? ticket;
        }

        broadcaster.Publish(new TicketEvent(change.Ticket!, null, Actor.System) { RefreshOnly = true });
        outbox.QueueAutoClosed(change.Ticket!.Number);
        return change.Ticket!;
    });

    private Task WakeNextAsync(Ticket ticket, CancellationToken cancellationToken) =>
        scheduler.WakeTicketAsync(ticket.Number, NextWakeOf(ticket), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Step} of {Number} to {Recipient} is not sent: {Reason}")]
    private static partial void GaveUp(ILogger logger, string number, string step, string recipient, string reason);
}
