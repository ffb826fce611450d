using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// A job's unit of work with a turn's rules, whichever engine commits it: writes collected while the body runs, one
/// commit, the after-commit actions only once it landed, the give-backs when it did not, held locks released either way.
/// </summary>
internal static class JobWork
{
    /// <summary>Runs <paramref name="body"/> as the current <see cref="TurnWork"/>, then <paramref name="commit"/>; true when that landed.</summary>
    public static async Task<bool> RunAsync(Action body, Func<TurnWork, Task<bool>> commit)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(commit);
        var work = new TurnWork();
        var landed = false;
        try
        {
            using (TurnWork.Enter(work))
            {
                body();
            }

            landed = await commit(work);
        }
        finally
        {
            if (!landed)
            {
                work.RolledBack();
            }

            work.Ended();
        }

        if (landed)
        {
            work.Committed();
        }

        return landed;
    }

    /// <summary>Runs <paramref name="body"/> and commits what it wrote; its result.</summary>
    public static async Task<T> RunAsync<T>(ICommitQueue commits, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        await RunAsync(() => result = body(), async work =>
        {
            await commits.CommitAsync(work);
            return true;
        });
        return result;
    }
}
