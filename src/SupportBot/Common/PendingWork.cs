namespace SupportBot.Common;

/// <summary>
/// Counts work handed to a background loop and not yet finished, so that tests and an orderly shutdown can wait
/// until everything handed over so far is done.
/// </summary>
internal sealed class PendingWork
{
    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = Idle();

    public void Added()
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Finished()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when all work added so far has finished.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    private static TaskCompletionSource Idle()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
