using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>Configuration section <c>Outbox</c>: how the dispatcher tries, waits and gives up.</summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>One try of one row; a connector that hangs is cut off here and tried again later.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's wait; it doubles per try up to <see cref="MaxDelay"/> (or what Retry-After asks).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At shutdown, how long a try already on the wire may still finish and be marked. Cutting it off at once would
    /// leave a send that reached the channel unmarked, and the next start would send it again.
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Delivers outbox rows in the background: oldest first, a key's rows in order (a ticket's later change waits for
/// its earlier one), each try under a timeout, a failed try again after a growing wait or the channel's Retry-After,
/// and a row that fails its last try parked with the reason. Rows survive restarts: they are in the database.
/// </summary>
internal sealed partial class OutboxDispatcher : BackgroundService
{
    private const int PassSize = 200;

    private readonly IOutboxRows _outbox;
    private readonly Lazy<Dictionary<string, IOutboxHandler>> _handlers;
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;
    private readonly ILogger<OutboxDispatcher> _log;
    private readonly SemaphoreSlim _wake = new(0);

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
    private async Task WaitForWakeAsync(TimeSpan? nextDue, CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = _wake.WaitAsync(either.Token);
        var due = nextDue is { } delay ? Task.Delay(delay, _time, either.Token) : Task.Delay(Timeout.Infinite, either.Token);
        await Task.WhenAny(woken, due);
        await either.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        while (_wake.CurrentCount > 0)
        {
            // Many turns may have woken it meanwhile: one pass serves them all.
            await _wake.WaitAsync(stoppingToken);
        }
    }

    /// <summary>Delivers what is due; returns when the next row falls due, and whether nothing that could go now is left.</summary>
    private async Task<(TimeSpan? NextDue, bool Settled)> PassAsync(CancellationToken stoppingToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? nextDue = null;
        var rows = _outbox.PendingRows(PassSize);
        foreach (var row in rows)
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

            if (await DeliverAsync(row) is { } retryAt)
            {
                held.Add(row.Key);
                nextDue = Earliest(nextDue, retryAt);
            }
        }

        // A full pass may have left more behind it. Otherwise every row left waits for a later try (settled).
        return rows.Count == PassSize ? (TimeSpan.Zero, false) : (nextDue is { } due ? Max(due - _time.GetUtcNow(), TimeSpan.Zero) : null, true);
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

            await _outbox.MarkDeliveredAsync(row);
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
                await _outbox.ParkAsync(row, attempts, reason);
                await TellParkedAsync(row, reason);
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

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} row for {Key} failed try {Attempts} ({Reason}); next try at {RetryAt}")]
    private static partial void WillRetry(ILogger logger, string kind, string key, int attempts, string reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} row for {Key} parked after {Attempts} tries: {Reason}")]
    private static partial void Parked(ILogger logger, string kind, string key, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of the parked outbox {Kind} row for {Key} could not record it")]
    private static partial void ParkedNoteFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not read or mark rows; it tries again shortly")]
    private static partial void StorageFailed(ILogger logger, Exception error);
}
