namespace SupportBot.Reminders;

/// <summary>
/// Wakes the reminders of a ticket at a time, and flushes an engineer's combined nudges. One wake-up per ticket
/// (its next step): the steps themselves are derived from the ticket when it wakes. The wake-ups are rows in the
/// database (<see cref="IReminderWakeUps"/>) under one scheduler trigger, so memory does not grow with open tickets.
/// </summary>
internal interface IReminderScheduler
{
    /// <summary>
    /// Sets (or replaces) the ticket's wake-up; null removes it. A time in the past wakes it at once. The write is
    /// queued before this returns, in call order: a caller holding the ticket's lock may release it before awaiting.
    /// </summary>
    Task WakeTicketAsync(string number, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>Replaces every ticket's wake-up with these (start-up).</summary>
    Task WakeTicketsAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> all, CancellationToken cancellationToken);

    Task FlushDigestAsync(string engineerId, DateTimeOffset at, CancellationToken cancellationToken);
}
