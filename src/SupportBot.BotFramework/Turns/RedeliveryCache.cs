using System.Collections.Concurrent;

namespace SupportBot.BotFramework.Turns;

/// <summary>
/// Channels resend an activity when our answer was slow; the same (channel, conversation, activity id) must be
/// handled once and get the same answer. Remembers recent outcomes for <paramref name="window"/>; a redelivery
/// that arrives while the first is still running waits for it instead of running again.
/// </summary>
internal sealed class RedeliveryCache(TimeProvider time, TimeSpan window, int capacity = 50_000)
{
    private readonly ConcurrentDictionary<string, (Task<TurnOutcome> Outcome, DateTimeOffset At)> _recent = new();

    public Task<TurnOutcome> GetOrRunAsync(string key, Func<Task<TurnOutcome>> run)
    {
        var now = time.GetUtcNow();
        var created = new TaskCompletionSource<TurnOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = _recent.GetOrAdd(key, _ => (created.Task, now));
        if (entry.Outcome != created.Task && now - entry.At < window)
        {
            return entry.Outcome;
        }

        if (entry.Outcome != created.Task)
        {
            _recent[key] = (created.Task, now);
        }

        PruneIfFull(now);
        return RunAsync(key, run, created);
    }

    private async Task<TurnOutcome> RunAsync(string key, Func<Task<TurnOutcome>> run, TaskCompletionSource<TurnOutcome> completion)
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
            _recent.TryRemove(key, out _);
            completion.SetException(error);
            throw;
        }
    }

    private void PruneIfFull(DateTimeOffset now)
    {
        if (_recent.Count <= capacity)
        {
            return;
        }

        foreach (var (key, entry) in _recent)
        {
            if (now - entry.At >= window && entry.Outcome.IsCompleted)
            {
                _recent.TryRemove(key, out _);
            }
        }
    }
}
