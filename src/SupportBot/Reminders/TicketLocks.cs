namespace SupportBot.Reminders;

/// <summary>
/// One reminder pass per ticket at a time: the job, the rescheduling after a change and a digest's recording all
/// read the ticket, act and queue its next wake-up under this lock (writes commit in the order they were queued),
/// so the last wake-up written is always derived from the latest ticket. Striped rather than one per ticket, so memory does not grow with the number of tickets.
/// </summary>
internal sealed class TicketLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> EnterAsync(string number, CancellationToken cancellationToken)
    {
        var stripe = _stripes[StripeOf(number)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    /// <summary>
    /// The locks of several tickets at once (a digest records on each of its tickets in one transaction). Each stripe
    /// is taken once, however many of the tickets share it, and in ascending order, so two callers cannot deadlock.
    /// </summary>
    public async Task<IDisposable> EnterAllAsync(IEnumerable<string> numbers, CancellationToken cancellationToken)
    {
        var taken = new List<IDisposable>();
        try
        {
            foreach (var stripe in numbers.Select(StripeOf).Distinct().Order())
            {
                await _stripes[stripe].WaitAsync(cancellationToken);
                taken.Add(new Release(_stripes[stripe]));
            }
        }
        catch
        {
            taken.ForEach(release => release.Dispose());
            throw;
        }

        return new All(taken);
    }

    private int StripeOf(string number) => (StringComparer.Ordinal.GetHashCode(number) & int.MaxValue) % _stripes.Length;

    private sealed class All(List<IDisposable> taken) : IDisposable
    {
        public void Dispose() => taken.ForEach(release => release.Dispose());
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
