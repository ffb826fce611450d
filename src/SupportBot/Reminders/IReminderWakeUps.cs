namespace SupportBot.Reminders;

/// <summary>
/// When each ticket's reminders next wake: one row per ticket that owes a step, indexed by the time, in the
/// database rather than one scheduler trigger per ticket in memory. The rows are derived from the tickets (and
/// rebuilt from them at start); the scheduler keeps a single trigger at the earliest of them.
/// </summary>
internal interface IReminderWakeUps
{
    /// <summary>
    /// Sets (or, with null, removes) the ticket's wake-up. The write is queued before this returns and writes run in
    /// the order they were queued, so a caller may release its lock on the ticket before awaiting the commit.
    /// </summary>
    Task SetAsync(string number, DateTimeOffset? at);

    /// <summary>Replaces every wake-up with <paramref name="wakeUps"/> (start-up), in commits of bounded size.</summary>
    Task ReplaceAllAsync(IReadOnlyCollection<(string Number, DateTimeOffset At)> wakeUps, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> tickets due by <paramref name="now"/>, earliest first.</summary>
    IReadOnlyList<string> DueBy(DateTimeOffset now, int limit);

    /// <summary>The earliest wake-up of all, or null when no ticket owes anything.</summary>
    DateTimeOffset? Earliest();
}
