using SupportBot.Engineering;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Reminders;

/// <summary>
/// What happens when a ticket's reminders wake: every step now due is sent (or held for a digest, or retried later),
/// what was sent is recorded in the ticket's history — which is what makes a step happen once, across restarts —
/// and the ticket's next wake-up is set from what it still owes.
/// </summary>
/// <remarks>
/// A message is sent before it is recorded: if the process dies between the two, the step is sent again at the next
/// start. Twice is better than never for an escalation.
/// </remarks>
internal sealed partial class ReminderDispatcher(
    TicketService tickets,
    ReminderPlanner planner,
    ReminderMessages messages,
    NudgeDigests digests,
    ReminderRetries retries,
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
            var entries = new List<HistoryEntry>();
            var closeNow = false;
            var archiveSteps = new List<ReminderDelivery>();
            foreach (var reminder in Latest(planner.Pending(ticket, StillTrying).Where(r => IsDue(r, now)), entries, now))
            {
                if (reminder.Step.Deadline == DeadlineKind.Archive)
                {
                    // Not a reminder message: the draft travels through the outbox, and the deadline archives the ticket.
                    archiveSteps.Add(reminder);
                }
                else if (reminder.Step.Kind == ReminderStepKind.AutoClose)
                {
                    closeNow = true;
                }
                else if (!await digests.TryHoldAsync(ticket, reminder, now, cancellationToken))
                {
                    entries.AddRange(Outcome(reminder, await messages.SendAsync(ticket, reminder), now));
                }
            }

            ticket = Save(ticket, entries);
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

    /// <summary>Sets the ticket's wake-up again after it changed: earlier, later, or not at all once nothing is owed.</summary>
    public async Task RescheduleAsync(string number, CancellationToken cancellationToken)
    {
        using var _ = await locks.EnterAsync(number, cancellationToken);
        var ticket = tickets.Find(number);
        await scheduler.WakeTicketAsync(number, ticket is null ? null : NextWakeOf(ticket), cancellationToken);
    }

    /// <summary>Sends an engineer's held nudges as one message, leaving out whatever was done in the meantime.</summary>
    public async Task FlushDigestAsync(string engineerId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            var held = digests.Take(engineerId);
            var owed = held
                .Select(reminder => (Ticket: tickets.Find(reminder.Number), Reminder: reminder))
                .Where(item => item.Ticket is not null && planner.Pending(item.Ticket, StillTrying).Any(p => p.Key == item.Reminder.Key))
                .Select(item => (item.Ticket!, item.Reminder))
                .ToList();
            var outcome = owed.Count switch
            {
                0 => SendOutcome.Sent,
                1 => await messages.SendAsync(owed[0].Item1, owed[0].Reminder),
                _ => await messages.SendDigestAsync(engineerId, owed),
            };
            digests.Release(held);
            foreach (var number in held.Select(r => r.Number).Distinct(StringComparer.Ordinal))
            {
                using var _ = await locks.EnterAsync(number, cancellationToken);
                if (tickets.Find(number) is not { } ticket)
                {
                    continue;
                }

                var now = time.GetUtcNow();
                var entries = owed.Where(item => item.Reminder.Number == number).SelectMany(item => Outcome(item.Reminder, outcome, now)).ToList();
                await WakeNextAsync(Save(ticket, entries), cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    /// <summary>A failed pass is tried again a minute later, so no ticket is forgotten because of one error.</summary>
    public Task WakeLaterAsync(string number, CancellationToken cancellationToken) =>
        scheduler.WakeTicketAsync(number, time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>When the ticket next owes something: its earliest pending step, or the next try of a failing one.</summary>
    public DateTimeOffset? NextWakeOf(Ticket ticket)
    {
        DateTimeOffset? next = null;
        foreach (var reminder in planner.Pending(ticket, StillTrying))
        {
            if (digests.Holds(reminder))
            {
                continue;
            }

            var at = retries.NextTryAt(reminder) is { } retry && retry > reminder.Step.At ? retry : reminder.Step.At;
            next = next is null || at < next ? at : next;
        }

        return next;
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

    private bool StillTrying(ReminderDelivery reminder) => retries.NextTryAt(reminder) is not null || digests.Holds(reminder);

    private bool IsDue(ReminderDelivery reminder, DateTimeOffset now) =>
        reminder.Step.At <= now && !(retries.NextTryAt(reminder) > now) && !digests.Holds(reminder);

    /// <summary>The history entry a send earns: the fact it was sent, or, once retrying is over, that it failed.</summary>
    private IEnumerable<HistoryEntry> Outcome(ReminderDelivery reminder, SendOutcome outcome, DateTimeOffset now)
    {
        var what = reminder.IsEscalation ? HistoryKinds.Escalated : HistoryKinds.Reminded;
        switch (outcome)
        {
            case SendOutcome.Sent:
                retries.Succeeded(reminder);
                yield return HistoryEntry.Of(Actor.System, now, what, reminder.Step.Key, reminder.To.Key);
                break;
            case SendOutcome.Unreachable:
                retries.Succeeded(reminder);
                GaveUp(log, reminder.Number, reminder.Step.Key, reminder.To.Key, "no conversation to send to");
                yield return HistoryEntry.Of(Actor.System, now, HistoryKinds.ReminderFailed, reminder.Step.Key, reminder.To.Key, "no conversation with the recipient: they have not opened SupportBot");
                break;
            case SendOutcome.Failed when retries.Failed(reminder, now):
                GaveUp(log, reminder.Number, reminder.Step.Key, reminder.To.Key, "the channel refused every try");
                yield return HistoryEntry.Of(Actor.System, now, HistoryKinds.ReminderFailed, reminder.Step.Key, reminder.To.Key, "the channel did not accept the message after every retry");
                break;
            default:
                var nextTry = retries.NextTryAt(reminder);
                WillRetry(log, reminder.Number, reminder.Step.Key, reminder.To.Key, nextTry);
                break;
        }
    }

    /// <summary>Records the entries and refreshes every posted card, whose buttons carry the ticket's version.</summary>
    private Ticket Save(Ticket ticket, List<HistoryEntry> entries)
    {
        if (entries.Count == 0 || tickets.Record(ticket.Number, entries) is not { } saved)
        {
            return ticket;
        }

        broadcaster.Publish(new TicketEvent(saved, null, Actor.System) { RefreshOnly = true });
        return saved;
    }

    private async Task<Ticket> AutoCloseAsync(Ticket ticket)
    {
        var change = tickets.Apply(ticket, TicketAction.AutoClose, Actor.System, note: messages.AutoCloseNote(ticket));
        if (!change.Applied)
        {
            return change.Ticket ?? ticket;
        }

        broadcaster.Publish(new TicketEvent(change.Ticket!, null, Actor.System) { RefreshOnly = true });
        await messages.TellAutoClosedAsync(change.Ticket!);
        return change.Ticket!;
    }

    private Task WakeNextAsync(Ticket ticket, CancellationToken cancellationToken) =>
        scheduler.WakeTicketAsync(ticket.Number, NextWakeOf(ticket), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Step} of {Number} to {Recipient} was given up: {Reason}")]
    private static partial void GaveUp(ILogger logger, string number, string step, string recipient, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Step} of {Number} to {Recipient} failed; next try at {NextTry}")]
    private static partial void WillRetry(ILogger logger, string number, string step, string recipient, DateTimeOffset? nextTry);
}
