using SupportBot.Common;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>Runs code as one turn the way TurnTransactionMiddleware does: collect, commit, then the after-commit or roll-back actions.</summary>
internal static class Turns
{
    public static async Task<T> RunAsync<T>(ICommitQueue commits, Func<Task<T>> body)
    {
        var work = new TurnWork();
        var committed = false;
        try
        {
            T result;
            using (TurnWork.Enter(work))
            {
                result = await body();
            }

            await commits.CommitAsync(work);
            committed = true;
            return result;
        }
        finally
        {
            if (!committed)
            {
                work.RolledBack();
            }

            work.Ended();
            if (committed)
            {
                work.Committed();
            }
        }
    }

    public static Task RunAsync(ICommitQueue commits, Action body) => RunAsync(commits, () => { body(); return Task.FromResult(true); });

    /// <summary>A turn that fails after its body ran: nothing it wrote is committed.</summary>
    public static async Task FailAsync(ICommitQueue commits, Func<Task> body)
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync<bool>(commits, async () =>
        {
            await body();
            throw new InvalidOperationException("the turn failed");
        }));
    }
}
