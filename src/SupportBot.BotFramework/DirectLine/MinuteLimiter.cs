using System.Collections.Concurrent;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Counts requests per key in one-minute windows that start with a key's first request, on the injected clock.
/// Small on purpose: the built-in rate limiters keep their own clock, which tests cannot move.
/// </summary>
public sealed class MinuteLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>Null when the request may go ahead; otherwise how long until the key's window ends.</summary>
    public TimeSpan? TryAcquire(string key, int limit)
    {
        var now = time.GetUtcNow();
        var counter = _counters.GetOrAdd(key, _ => new Counter(now));
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Count = 0;
            }

            if (counter.Count < limit)
            {
                counter.Count++;
                return null;
            }

            return counter.Start + Window - now;
        }
    }

    /// <summary>Forgets windows that have ended, so one-off visitors do not accumulate.</summary>
    public void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.Start >= Window)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;
        public int Count { get; set; }
    }
}
