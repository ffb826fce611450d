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
        var work = new TurnWork();
        var committed = false;
        T result;
        try
        {
            using (TurnWork.Enter(work))
            {
                result = body();
            }

            await commits.CommitAsync(work);
            committed = true;
        }
        finally
        {
            if (!committed)
            {
                work.RolledBack();
            }

            work.Ended();
        }

        work.Committed();
        return result;
    }
}
