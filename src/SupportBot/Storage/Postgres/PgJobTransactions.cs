using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>A job's unit of work (<see cref="JobWork"/>) on PostgreSQL's commit queue.</summary>
internal sealed class PgJobTransactions(PgCommitQueue commits) : IJobTransactions
{
    public Task<T> RunAsync<T>(Func<T> body) => JobWork.RunAsync(commits, body);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, but the body's writes commit only when <paramref name="claim"/> (run first in the
    /// transaction) claims the work: an insert that does nothing on a conflict, say. A claim another instance holds
    /// uncommitted makes this one wait for it and then find it taken, so the work commits once across instances.
    /// </summary>
    public Task<bool> RunOnceAsync(Action body, Func<PgWrite, bool> claim) =>
        JobWork.RunAsync(body, work => commits.EnqueueAsync(write =>
        {
            if (!claim(write))
            {
                return false;
            }

            foreach (var step in work.Writes)
            {
                step();
            }

            return true;
        }));
}
