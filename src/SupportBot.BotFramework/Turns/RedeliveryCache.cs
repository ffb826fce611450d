using System.Collections.Concurrent;

namespace SupportBot.BotFramework.Turns;

/// <summary>
/// Channels resend an activity when our answer was slow; the same (channel, conversation, activity id) must be
/// handled once and get the same answer. Outcomes are remembered in two generations that rotate every
/// window (or sooner when one fills up), so an outcome is kept between one and two windows
/// and each turn costs O(1). A redelivery that arrives while the first is still running waits for it.
/// </summary>
/// <remarks>
/// Bounded by count as well as age: an outcome carries its replies (cards included), and 2 × 100,000 of them held
/// 1.2 GB in a soak. Past the capacity the oldest generation goes early; an app that must answer a redelivery once
/// across restarts or after that keeps the activity id in its database (SupportBot does, in the turn's transaction).
/// Turns rotate the generations; when none come (a quiet evening after a busy day), a timer every half window does,
/// so the last outcomes go too (within two and a half windows) instead of staying until the next turn.
/// </remarks>
internal sealed class RedeliveryCache
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _generationCapacity;
    private readonly Lock _rotateLock = new();
    private ConcurrentDictionary<string, Task<TurnOutcome>> _current = new();
    private ConcurrentDictionary<string, Task<TurnOutcome>> _previous = new();
    private DateTimeOffset _rotatedAt;

    // ConcurrentDictionary.Count takes every bucket lock; a counter keeps the per-turn check cheap.
    private int _currentCount;

    public RedeliveryCache(TimeProvider time, TimeSpan window, int generationCapacity = 2_000)
    {
        _time = time;
        _window = window;
        _generationCapacity = generationCapacity;
        _rotatedAt = time.GetUtcNow();
        IdleExpiry.Start(this, time, window / 2);
    }

    public Task<TurnOutcome> GetOrRunAsync(string key, Func<Task<TurnOutcome>> run)
    {
        RotateIfDue();
        if (_previous.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        var created = new TaskCompletionSource<TurnOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _current;
        var outcome = current.GetOrAdd(key, created.Task);
        if (outcome != created.Task)
        {
            return outcome;
        }

        Interlocked.Increment(ref _currentCount);
        return RunAsync(current, key, run, created);
    }

    private void RotateIfDue()
    {
        var now = _time.GetUtcNow();
        if (now - _rotatedAt < _window && Volatile.Read(ref _currentCount) < _generationCapacity)
        {
            return;
        }

        lock (_rotateLock)
        {
            if (now - _rotatedAt >= _window || _currentCount >= _generationCapacity)
            {
                _previous = _current;
                _current = new ConcurrentDictionary<string, Task<TurnOutcome>>();
                _currentCount = 0;
                _rotatedAt = now;
            }
        }
    }

    private static async Task<TurnOutcome> RunAsync(ConcurrentDictionary<string, Task<TurnOutcome>> generation, string key, Func<Task<TurnOutcome>> run, TaskCompletionSource<TurnOutcome> completion)
    {
        try
        {
            var outcome = await run();
            completion.SetResult(outcome);
            return outcome;
        }
        catch (Exception error)
        {
            // A turn that failed outright was not handled: let the channel's retry run it again.
            generation.TryRemove(key, out _);
            completion.SetException(error);
            throw;
        }
    }

    /// <summary>
    /// The timer's side: it holds the cache weakly, so an adapter nobody uses any more (a test's) is collected, and
    /// its timer, which the runtime keeps alive while scheduled, then stops itself.
    /// </summary>
    private sealed class IdleExpiry
    {
        private readonly WeakReference<RedeliveryCache> _cache;
        private ITimer? _timer;

        private IdleExpiry(RedeliveryCache cache) => _cache = new(cache);

        public static void Start(RedeliveryCache cache, TimeProvider time, TimeSpan period)
        {
            var expiry = new IdleExpiry(cache);
            expiry._timer = time.CreateTimer(static state => ((IdleExpiry)state!).Tick(), expiry, period, period);
        }

        private void Tick()
        {
            if (_cache.TryGetTarget(out var cache))
            {
                cache.RotateIfDue();
            }
            else
            {
                _timer?.Dispose();
            }
        }
    }
}
