using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// A job's unit of work on the commit queue, with a turn's rules: writes collected while the body runs, one commit,
/// the after-commit actions only once it landed, the give-backs when it did not, and held locks released either way.
/// </summary>
internal sealed class LiteDbJobTransactions(LiteDbCommitQueue commits) : IJobTransactions
{
    public async Task<T> RunAsync<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        T result = default!;
        await RunAsync(() => result = body(), async work =>
        {
            await commits.CommitAsync(work);
            return true;
        });
        return result;
    }

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, but the body's writes commit, together with <paramref name="record"/>, only when
    /// <paramref name="alreadyDone"/> is false. The check runs on the writer thread inside the transaction, where writes
    /// run one after another, so two callers racing for one piece of work commit it once. True when it committed now.
    /// </summary>
    public Task<bool> RunOnceAsync(Action body, Func<bool> alreadyDone, Action record) =>
        RunAsync(body, work => commits.EnqueueAsync(() =>
        {
            if (alreadyDone())
            {
                return false;
            }

            record();
            foreach (var write in work.Writes)
            {
                write();
            }

            return true;
        }));

    private static async Task<bool> RunAsync(Action body, Func<TurnWork, Task<bool>> commit)
    {
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
}
