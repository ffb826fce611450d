using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>A job's unit of work (<see cref="JobWork"/>) on LiteDB's commit queue.</summary>
internal sealed class LiteDbJobTransactions(LiteDbCommitQueue commits) : IJobTransactions
{
    public Task<T> RunAsync<T>(Func<T> body) => JobWork.RunAsync(commits, body);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, but the body's writes commit, together with <paramref name="record"/>, only when
    /// <paramref name="alreadyDone"/> is false. The check runs on the writer thread inside the transaction, where writes
    /// run one after another, so two callers racing for one piece of work commit it once. True when it committed now.
    /// </summary>
    public Task<bool> RunOnceAsync(Action body, Func<bool> alreadyDone, Action record) =>
        JobWork.RunAsync(body, work => commits.EnqueueAsync(() =>
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
}
