using Microsoft.Extensions.Options;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// Holds an engineer's non-urgent nudges for a few minutes so that several become one message. A held nudge is a row
/// in the database (<see cref="IHeldNudges"/>), written in the transaction of the pass that found it due: it is not
/// yet recorded on its ticket, and it survives a restart, after which its window is flushed when it was due to be.
/// The engineer's flush trigger is the only thing kept in memory, and it is set again from the rows at start.
/// </summary>
internal sealed class NudgeDigests(IOptions<ReminderOptions> options, IHeldNudges held, IReminderScheduler scheduler)
{
    private readonly TimeSpan _window = ReminderSpans.Parse(options.Value.CombineNudgesWithin);

    /// <summary>Whether <paramref name="reminder"/> may wait for company: a non-urgent nudge to an engineer, when combining is on.</summary>
    public bool MayHold(Ticket ticket, ReminderDelivery reminder)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(reminder);
        return _window > TimeSpan.Zero && reminder.Step.Kind == ReminderStepKind.Nudge && reminder.To.Kind == RecipientKind.Engineer && ticket.Priority != Priority.Urgent;
    }

    /// <summary>
    /// Holds <paramref name="reminder"/> in the caller's unit of work, in its engineer's open window or a new one.
    /// Returns when that window closes, to be scheduled once the unit has committed (<see cref="ScheduleAsync"/>).
    /// </summary>
    public (string EngineerId, DateTimeOffset FlushAt) Hold(ReminderDelivery reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var open = held.Of(reminder.To.Id);
        var flushAt = open.Count > 0 ? open.Min(h => h.FlushAt) : now + _window;
        held.Hold(OwedReminder.Of(reminder), reminder.To.Id, flushAt);
        return (reminder.To.Id, flushAt);
    }

    /// <summary>The keys of the ticket's held deliveries: they are neither due nor a reason to wake the ticket.</summary>
    public IReadOnlySet<string> KeysOf(string number) => held.KeysOf(number);

    public IReadOnlyList<HeldNudge> Of(string engineerId) => held.Of(engineerId);

    /// <summary>Lets the nudges go, in the caller's unit of work (the one that records them and queues their message).</summary>
    public void Release(IEnumerable<string> deliveryKeys) => held.Release(deliveryKeys);

    public Task ScheduleAsync(string engineerId, DateTimeOffset flushAt, CancellationToken cancellationToken) =>
        scheduler.FlushDigestAsync(engineerId, flushAt, cancellationToken);

    /// <summary>At start-up: every window still held is flushed when it closes (at once, if it closed while the process was down).</summary>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        var windows = held.Windows();
        foreach (var (engineerId, flushAt) in windows)
        {
            await scheduler.FlushDigestAsync(engineerId, flushAt, cancellationToken);
        }

        return windows.Count;
    }
}
