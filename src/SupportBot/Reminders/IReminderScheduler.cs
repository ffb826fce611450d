namespace SupportBot.Reminders;

/// <summary>
/// Wakes the reminders of a ticket at a time, and flushes an engineer's combined nudges. One wake-up per ticket
/// (its next step): the steps themselves are derived from the ticket when it wakes. Quartz's in-memory store now;
/// its clustered store when several instances share the work.
/// </summary>
internal interface IReminderScheduler
{
    /// <summary>Sets (or replaces) the ticket's wake-up; null removes it. A time in the past wakes it at once.</summary>
    Task WakeTicketAsync(string number, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>Sets many wake-ups in one call (start-up).</summary>
    Task WakeTicketsAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> wakeUps, CancellationToken cancellationToken);

    Task FlushDigestAsync(string engineerId, DateTimeOffset at, CancellationToken cancellationToken);
}
