using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Delivers outbox rows in the background: oldest first, a key's rows in order (a ticket's later change waits for
/// its earlier one), each try under a timeout, a failed try again after a growing wait or the channel's Retry-After,
/// and a row that fails its last try parked with the reason. Rows survive restarts: they are in the database.
/// </summary>
/// <remarks>
/// The engine hands out the rows (<see cref="IOutboxRows.ClaimAsync"/>): the oldest pending row of each key, if due; on
/// PostgreSQL leased to this instance, so with several instances on one database each row goes to one of them and a
/// key's rows still go out in order. A pass tries what it claimed and claims again while that freed more. Marks are
/// awaited once per pass, not once per row (see <see cref="OutboxDelivery.TryAsync"/>).
/// </remarks>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    private const int PassSize = 100;

    // Delivered rows whose marks may be under way at once (see OutboxDelivery.TryAsync).
    private const int UnmarkedAtMost = 4;

    private readonly IOutboxRows _outbox;
    private readonly OutboxDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxDispatcher> _log;
    private readonly SemaphoreSlim _wake = new(0);
    private Task? _woken;

    // Cancelled ShutdownGrace after the host asks to stop: the one try in flight then is abandoned, not before.
    // Wall-clock on purpose: a shutdown must end even while a test holds the TimeProvider still.
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _drainLock = new();
    private List<TaskCompletionSource> _drainWaiters = [];

    public OutboxDispatcher(IOutboxRows outbox, IServiceProvider services, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> log)
    {
        _outbox = outbox;
        _delivery = new OutboxDelivery(outbox, services, time, options.Value, log);
        _time = time;
        _options = options.Value;
        _log = log;
        outbox.Added += Wake;
    }

    /// <summary>
    /// Completes once every row due so far is delivered, parked, or waiting for a later try (with the rows of its key
    /// behind it): tests, orderly shutdown.
    /// </summary>
    public Task DrainAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_drainLock)
        {
            _drainWaiters.Add(waiter);
        }

        Wake();
        return waiter.Task;
    }

    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var graceOnStop = stoppingToken.Register(() => _abandon.CancelAfter(_options.ShutdownGrace));
        var watching = _outbox.WatchOtherInstancesAsync(Wake, stoppingToken);
        try
        {
            await DispatchAsync(stoppingToken);
        }
        finally
        {
            await watching;
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            List<TaskCompletionSource> waiters;
            lock (_drainLock)
            {
                (waiters, _drainWaiters) = (_drainWaiters, []);
            }

            TimeSpan? nextDue;
            bool settled;
            try
            {
                (nextDue, settled) = await PassAsync(stoppingToken);
            }
            catch (Exception error) when (StorageFaults.IsStorageFault(error))
            {
                // The database is failing (health shows it); rows stay where they are until it answers again.
                SupportBotTelemetry.StorageFailed("outbox");
                StorageFailed(_log, error);
                (nextDue, settled) = (_options.FirstDelay, false);
            }

            if (settled)
            {
                waiters.ForEach(waiter => waiter.TrySetResult());
            }
            else
            {
                lock (_drainLock)
                {
                    _drainWaiters.AddRange(waiters);
                }
            }

            await WaitForWakeAsync(nextDue, stoppingToken);
        }
    }

    /// <summary>Sleeps until a row is added (or a drain is asked for), or the next retry falls due.</summary>
    /// <remarks>
    /// The wait for a wake-up is kept across sleeps, never cancelled when the timer wins: a semaphore wait cancelled
    /// just as a wake-up arrives can swallow that wake-up (the cancelled waiter is still first in the semaphore's queue
    /// until its cancellation is processed), and a drain asked for then waited for ever. Seen once passes went again
    /// at once after every delivery.
    /// </remarks>
    private async Task WaitForWakeAsync(TimeSpan? nextDue, CancellationToken stoppingToken)
    {
        if (nextDue != TimeSpan.Zero)
        {
            _woken ??= _wake.WaitAsync(stoppingToken);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var due = nextDue is { } delay ? Task.Delay(delay, _time, timer.Token) : Task.Delay(Timeout.Infinite, timer.Token);
            await Task.WhenAny(_woken, due);
            await timer.CancelAsync();
        }

        stoppingToken.ThrowIfCancellationRequested();
        if (_woken is { IsCompleted: true })
        {
            _woken = null;
        }

        while (_wake.CurrentCount > 0)
        {
            // Many turns may have woken it meanwhile: one pass serves them all.
            await _wake.WaitAsync(stoppingToken);
        }
    }

    /// <summary>Delivers what this instance could claim; returns when to look again, and whether nothing due was left to claim.</summary>
    private async Task<(TimeSpan? NextDue, bool Settled)> PassAsync(CancellationToken stoppingToken)
    {
        var claim = await _outbox.ClaimAsync(PassSize, _options.Lease);
        var leasedUntil = _time.GetUtcNow() + _options.Lease;
        var untried = new List<OutboxRow>(claim.Rows);
        DateTimeOffset? nextDue;
        bool finished;
        try
        {
            (nextDue, finished) = await TryRowsAsync(claim, untried, leasedUntil, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(untried);
            throw;
        }

        // A row finished with may have freed the next row of its key (a claim hands out one row per key), and a full
        // claim may have left more behind it: claim again at once. Otherwise every row left waits for a later try, or is
        // another instance's (settled).
        return finished || claim.Rows.Count == PassSize
            ? (TimeSpan.Zero, false)
            : (nextDue is { } due ? Max(due - _time.GetUtcNow(), TimeSpan.Zero) : null, true);
    }

    /// <summary>
    /// Tries the claimed rows in order (each due, and the oldest pending row of its key), taking each out of
    /// <paramref name="untried"/> as its try begins.
    /// </summary>
    private async Task<(DateTimeOffset? NextDue, bool Finished)> TryRowsAsync(
        OutboxClaim claim, List<OutboxRow> untried, DateTimeOffset leasedUntil, CancellationToken stoppingToken)
    {
        var nextDue = claim.NextDue;
        var finished = false;
        var marks = new Queue<Task>();
        try
        {
            foreach (var row in claim.Rows)
            {
                stoppingToken.ThrowIfCancellationRequested();

                // From here the row may reach the wire: it is never given back at shutdown (see ReleaseAsync).
                untried.Remove(row);
                if (_time.GetUtcNow() + _options.AttemptTimeout >= leasedUntil && !await _outbox.RenewAsync(row, _options.Lease))
                {
                    // Earlier tries of this pass took so long that the lease ran out and another instance took the row.
                    continue;
                }

                // A few marks under way at once, no more: while the database fails, each row sent after the first failed
                // mark is sent again on a later pass.
                while (marks.Count >= UnmarkedAtMost)
                {
                    await marks.Dequeue();
                }

                var tried = await _delivery.TryAsync(row, _abandon.Token);
                marks.Enqueue(tried.Marked);
                if (tried.RetryAt is { } retryAt)
                {
                    nextDue = Earliest(nextDue, retryAt);
                }
                else
                {
                    finished = true;
                }
            }

            // Every mark committed before the next claim, which would otherwise hand out a delivered row again.
            await Task.WhenAll(marks);
        }
        catch (Exception) when (marks.Count > 0)
        {
            // The pass ends early (stopping, or the database failing): the marks under way still land, or fail, before
            // anything claims again.
            await SettleAsync(marks);
            throw;
        }

        return (nextDue, finished);
    }

    private static async Task SettleAsync(IEnumerable<Task> marks)
    {
        try
        {
            await Task.WhenAll(marks);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            // The pass's own error is the one reported; these rows stay pending and go out on a later pass.
            _ = error;
        }
    }

    /// <summary>
    /// At shutdown, gives back the lease of the rows this pass claimed and never began to try, so another instance sends
    /// them now rather than when the lease ends (<see cref="OutboxOptions.Lease"/>). A row whose try began is never given
    /// back, even one cut off after <see cref="OutboxOptions.ShutdownGrace"/>: its send may have reached the channel
    /// unmarked. Its lease runs out, then another instance (or the next start) tries it again; the row's
    /// <see cref="OutboxRow.Done"/> skips the sends it recorded, and what may still go out twice is that one last send.
    /// </summary>
    /// <remarks>
    /// Bounded by the wall clock (a database that does not answer must not hold the shutdown); rows not given back
    /// then simply wait out their lease, as if the instance had died.
    /// </remarks>
    private async Task ReleaseAsync(List<OutboxRow> untried)
    {
        if (untried.Count == 0)
        {
            return;
        }

        try
        {
            await _outbox.ReleaseAsync(untried).WaitAsync(_options.ShutdownGrace);
            Released(_log, untried.Count);
        }
        catch (Exception error) when (error is TimeoutException || StorageFaults.IsStorageFault(error))
        {
            NotReleased(_log, error, untried.Count);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: {Count} claimed outbox rows left untried, given back for another instance or the next start")]
    private static partial void Released(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: could not give {Count} claimed outbox rows back; they go to another instance when their lease ends")]
    private static partial void NotReleased(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not read or mark rows; it tries again shortly")]
    private static partial void StorageFailed(ILogger logger, Exception error);
}
