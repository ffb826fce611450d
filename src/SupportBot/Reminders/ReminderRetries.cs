using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SupportBot.Reminders;

/// <summary>
/// Failed sends waiting for their next try, with exponential backoff. Kept in memory on purpose: after a restart a
/// delivery that was still failing simply starts its tries again, which is what one wants after an outage.
/// </summary>
internal sealed class ReminderRetries(IOptions<ReminderOptions> options)
{
    private readonly ConcurrentDictionary<string, Attempts> _failing = new(StringComparer.Ordinal);
    private readonly int _attempts = Math.Max(1, options.Value.SendAttempts);
    private readonly TimeSpan _firstDelay = ReminderSpans.Parse(options.Value.RetryAfter);

    /// <summary>When the delivery may be tried again (null: now).</summary>
    public DateTimeOffset? NextTryAt(ReminderDelivery delivery) =>
        _failing.TryGetValue(delivery.Key, out var attempts) ? attempts.NextAt : null;

    /// <summary>Counts a failed try; true when it was the last one and the delivery is to be given up.</summary>
    public bool Failed(ReminderDelivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var failures = (_failing.TryGetValue(delivery.Key, out var before) ? before.Failures : 0) + 1;
        if (failures >= _attempts)
        {
            _failing.TryRemove(delivery.Key, out _);
            return true;
        }

        _failing[delivery.Key] = new Attempts(failures, now + (_firstDelay * Math.Pow(2, failures - 1)));
        return false;
    }

    public void Succeeded(ReminderDelivery delivery) => _failing.TryRemove(delivery.Key, out _);

    private sealed record Attempts(int Failures, DateTimeOffset NextAt);
}
