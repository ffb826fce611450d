using Microsoft.Extensions.Options;
using SupportBot.Tickets;

namespace SupportBot.Reminders;

/// <summary>
/// Holds an engineer's non-urgent nudges for a few minutes so that several become one message. Held nudges are not
/// yet recorded on their tickets, so if the process dies meanwhile they are simply owed again at the next start.
/// </summary>
internal sealed class NudgeDigests(IOptions<ReminderOptions> options, IReminderScheduler scheduler)
{
    private readonly TimeSpan _window = ReminderSpans.Parse(options.Value.CombineNudgesWithin);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ReminderDelivery>> _byEngineer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    public bool Holds(ReminderDelivery reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        lock (_gate)
        {
            return _held.Contains(reminder.Key);
        }
    }

    /// <summary>Holds <paramref name="reminder"/> if it may wait for company: true when it is held (or already was).</summary>
    public async Task<bool> TryHoldAsync(Ticket ticket, ReminderDelivery reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(reminder);
        if (_window <= TimeSpan.Zero || reminder.Step.Kind != ReminderStepKind.Nudge || reminder.To.Kind != RecipientKind.Engineer || ticket.Priority == Priority.Urgent)
        {
            return false;
        }

        bool opensDigest;
        lock (_gate)
        {
            if (!_held.Add(reminder.Key))
            {
                return true;
            }

            opensDigest = !_byEngineer.TryGetValue(reminder.To.Id, out var held);
            if (opensDigest)
            {
                _byEngineer[reminder.To.Id] = held = [];
            }

            held!.Add(reminder);
        }

        if (opensDigest)
        {
            await scheduler.FlushDigestAsync(reminder.To.Id, now + _window, cancellationToken);
        }

        return true;
    }

    /// <summary>The engineer's held nudges; they stay held (skipped by other passes) until <see cref="Release"/>.</summary>
    public IReadOnlyList<ReminderDelivery> Take(string engineerId)
    {
        lock (_gate)
        {
            return _byEngineer.Remove(engineerId, out var held) ? held : [];
        }
    }

    public void Release(IEnumerable<ReminderDelivery> reminders)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        lock (_gate)
        {
            foreach (var reminder in reminders)
            {
                _held.Remove(reminder.Key);
            }
        }
    }
}
