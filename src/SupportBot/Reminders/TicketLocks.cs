namespace SupportBot.Reminders;

/// <summary>
/// One reminder pass per ticket at a time: the job, the rescheduling after a change and a digest's recording all
/// read the ticket, act and set its next trigger under this lock, so the last trigger set is always derived from
/// the latest ticket. Striped rather than one per ticket, so memory does not grow with the number of tickets.
/// </summary>
internal sealed class TicketLocks
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IDisposable> EnterAsync(string number, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(StringComparer.Ordinal.GetHashCode(number) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
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
