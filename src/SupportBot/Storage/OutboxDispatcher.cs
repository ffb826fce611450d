using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Delivers outbox rows in the background: oldest first, a key's rows in order (a ticket's later change waits for
/// its earlier one), each try under a timeout, a failed try again after a growing wait or the channel's Retry-After,
/// and a row that fails its last try parked with the reason. Rows survive restarts: they are in the database.
/// </summary>
/// <remarks>
/// The engine hands out the rows (<see cref="IOutboxRows.ClaimAsync"/>). On PostgreSQL that is the oldest pending row of
/// each key, leased to this instance, so with several instances on one database each row goes to one of them and a
/// key's rows still go out in order; on LiteDB (one process) every pending row. A pass tries what it claimed and
/// claims again while that freed more.
/// </remarks>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    private const int PassSize = 100;

    private readonly IOutboxRows _outbox;
    private readonly Lazy<Dictionary<string, IOutboxHandler>> _handlers;
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

    // The handlers come from the container once the first row is delivered: they publish through the dispatcher's
    // outbox themselves, so taking them in the constructor would be a cycle.
    public OutboxDispatcher(IOutboxRows outbox, IServiceProvider services, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> log)
    {
        _outbox = outbox;
        _handlers = new(() => services.GetServices<IOutboxHandler>().ToDictionary(handler => handler.Kind, StringComparer.Ordinal));
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
        var held = new HashSet<string>(StringComparer.Ordinal);
        var nextDue = claim.NextDue;
        var finished = false;
        foreach (var row in claim.Rows)
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (held.Contains(row.Key))
            {
                // Behind an earlier row of its key that waits for a later try: it goes after that one, when that one
                // does. Its own due time says nothing (it is usually past), so it must not wake the next pass early.
                continue;
            }

            if (row.Due > _time.GetUtcNow())
            {
                held.Add(row.Key);
                nextDue = Earliest(nextDue, row.Due);
                continue;
            }

            if (_time.GetUtcNow() + _options.AttemptTimeout >= leasedUntil && !await _outbox.RenewAsync(row, _options.Lease))
            {
                // Earlier tries of this pass took so long that the lease ran out and another instance took the row.
                continue;
            }

            if (await DeliverAsync(row) is { } retryAt)
            {
                held.Add(row.Key);
                nextDue = Earliest(nextDue, retryAt);
            }
            else
            {
                finished = true;
            }
        }

        // A row finished with may have freed the next row of its key (a claim hands out one row per key where several
        // instances share the outbox), and a full claim may have left more behind it: claim again at once. Otherwise
        // every row left waits for a later try, or is another instance's (settled).
        return finished || claim.Rows.Count == PassSize
            ? (TimeSpan.Zero, false)
            : (nextDue is { } due ? Max(due - _time.GetUtcNow(), TimeSpan.Zero) : null, true);
    }

    /// <summary>One try of one row; null when it is finished with (delivered or parked), else when to try again.</summary>
    private async Task<DateTimeOffset?> DeliverAsync(OutboxRow row)
    {
        using var span = SupportBotTelemetry.Traces.StartActivity("supportbot.outbox.delivery")?.SetTag("supportbot.outbox.kind", row.Kind);
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var attemptOrStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abandon.Token);
        var attempt = new OutboxAttempt(row.Done, done => _outbox.ProgressAsync(row, done), attemptOrStop.Token);
        try
        {
            if (!_handlers.Value.TryGetValue(row.Kind, out var handler))
            {
                throw new InvalidOperationException($"No handler delivers outbox rows of kind '{row.Kind}'.");
            }

            using (OutboxAttempt.Enter(attempt))
            {
                // Forced to yield: a try cut off at shutdown is cancelled from the grace timer's callback, and without it
                // the rest of the host's stop and disposal ran inline inside that callback. The test host's synchronous
                // Dispose then blocked there for good (seen stopping while a reminder's send hung on the wire).
                await handler.DeliverAsync(row.Message).WaitAsync(attemptOrStop.Token)
                    .ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }

            if (!await _outbox.MarkDeliveredAsync(row))
            {
                LeaseLost(_log, row.Kind, row.Key);
            }

            return null;
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Shut down while a try hung past the grace: the row stays as it was and the next start tries it again
            // (a send that did reach the channel before the cut is the one way a message can go out twice).
            throw;
        }
        catch (Exception error) when (!StorageFaults.IsStorageFault(error))
        {
            var attempts = row.Attempts + 1;
            var reason = timeout.IsCancellationRequested ? $"no answer within {_options.AttemptTimeout}" : $"{error.GetType().Name}: {error.Message}";
            if (attempts >= _options.MaxAttempts || !OutboxAttempt.IsTransient(error, timeout.Token))
            {
                SupportBotTelemetry.OutboxFailed(row.Kind, parked: true);
                Parked(_log, row.Kind, row.Key, attempts, reason);
                if (await _outbox.ParkAsync(row, attempts, reason))
                {
                    await TellParkedAsync(row, reason);
                }

                return null;
            }

            var retryAt = _time.GetUtcNow() + Delay(attempts, error);
            SupportBotTelemetry.OutboxFailed(row.Kind, parked: false);
            WillRetry(_log, row.Kind, row.Key, attempts, reason, retryAt);
            await _outbox.RetryLaterAsync(row, attempts, retryAt, reason);
            return retryAt;
        }
    }

    /// <summary>
    /// Lets the row's handler record that it was given up. After the park, not with it: if the process dies between
    /// the two, that note is what is lost, never a second delivery.
    /// </summary>
    private async Task TellParkedAsync(OutboxRow row, string reason)
    {
        if (!_handlers.Value.TryGetValue(row.Kind, out var handler))
        {
            return;
        }

        try
        {
            await handler.ParkedAsync(row.Message, reason);
        }
        catch (Exception error) when (!StorageFaults.IsStorageFault(error))
        {
            ParkedNoteFailed(_log, error, row.Kind, row.Key);
        }
    }

    /// <summary>Exponential from <see cref="OutboxOptions.FirstDelay"/>, capped; the channel's Retry-After when it named one.</summary>
    private TimeSpan Delay(int attempts, Exception error)
    {
        if (error.Data["Retry-After"] is TimeSpan asked && asked > TimeSpan.Zero)
        {
            return Min(asked, _options.MaxDelay);
        }

        var doubled = _options.FirstDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return Min(doubled, _options.MaxDelay);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} row for {Key} failed try {Attempts} ({Reason}); next try at {RetryAt}")]
    private static partial void WillRetry(ILogger logger, string kind, string key, int attempts, string reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} row for {Key} parked after {Attempts} tries: {Reason}")]
    private static partial void Parked(ILogger logger, string kind, string key, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of the parked outbox {Kind} row for {Key} could not record it")]
    private static partial void ParkedNoteFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} row for {Key} was sent, but its lease had run out and another instance holds it now: it may be sent twice")]
    private static partial void LeaseLost(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not read or mark rows; it tries again shortly")]
    private static partial void StorageFailed(ILogger logger, Exception error);
}
