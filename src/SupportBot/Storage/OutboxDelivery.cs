using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// One try of one outbox row and what its outcome leaves in the database: delivered, tried again later, or parked
/// with the reason (the handler told). Which row is tried when is <see cref="OutboxDispatcher"/>'s business.
/// </summary>
/// <remarks>
/// The handlers come from the container once the first row is delivered: they publish through the dispatcher's outbox
/// themselves, so taking them in the constructor would be a cycle.
/// </remarks>
internal sealed partial class OutboxDelivery(IOutboxRows outbox, IServiceProvider services, TimeProvider time, OutboxOptions options, ILogger log)
{
    private readonly Lazy<Dictionary<string, IOutboxHandler>> _handlers =
        new(() => services.GetServices<IOutboxHandler>().ToDictionary(handler => handler.Kind, StringComparer.Ordinal));

    /// <summary>
    /// One try of one row: finished with (delivered or parked) when <see cref="OutboxTry.RetryAt"/> is null, else when to
    /// try again. A delivered row's mark is queued here but not awaited (<see cref="OutboxTry.Marked"/>): the next row
    /// need not wait for this one's commit. One commit wait per row held the dispatcher to a few hundred rows a second,
    /// behind a busy intake (bench/README.md, "The outbox kept up").
    /// </summary>
    public async Task<OutboxTry> TryAsync(OutboxRow row, CancellationToken abandon)
    {
        using var span = SupportBotTelemetry.Traces.StartActivity("supportbot.outbox.delivery")?.SetTag("supportbot.outbox.kind", row.Kind);
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var attemptOrStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abandon);
        var attempt = new OutboxAttempt(row.Done, done => outbox.ProgressAsync(row, done), attemptOrStop.Token);
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

            return new OutboxTry(null, MarkDeliveredAsync(row));
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Shut down while a try hung past the grace: the row stays as it was, still leased where instances share the
            // outbox, and is tried again once that lease ends, by another instance or the next start (a send that did
            // reach the channel before the cut is the one way a message can go out twice).
            throw;
        }
        catch (Exception error) when (!StorageFaults.IsStorageFault(error))
        {
            var attempts = row.Attempts + 1;
            var reason = timeout.IsCancellationRequested ? $"no answer within {options.AttemptTimeout}" : $"{error.GetType().Name}: {error.Message}";
            if (attempts >= options.MaxAttempts || !OutboxAttempt.IsTransient(error, timeout.Token))
            {
                SupportBotTelemetry.OutboxFailed(row.Kind, parked: true);
                Parked(log, row.Kind, row.Key, attempts, reason);
                if (await outbox.ParkAsync(row, attempts, reason))
                {
                    await TellParkedAsync(row, reason);
                }

                return new OutboxTry(null, Task.CompletedTask);
            }

            var retryAt = time.GetUtcNow() + options.RetryDelay(attempts, error);
            SupportBotTelemetry.OutboxFailed(row.Kind, parked: false);
            WillRetry(log, row.Kind, row.Key, attempts, reason, retryAt);
            await outbox.RetryLaterAsync(row, attempts, retryAt, reason);
            return new OutboxTry(retryAt, Task.CompletedTask);
        }
    }

    private async Task MarkDeliveredAsync(OutboxRow row)
    {
        try
        {
            if (!await outbox.MarkDeliveredAsync(row))
            {
                LeaseLost(log, row.Kind, row.Key);
            }
        }
        catch (Exception error) when (!StorageFaults.IsStorageFault(error))
        {
            // Sent, but not recorded as sent for a reason that is not the database failing (a storage fault reaches the
            // dispatcher, which tries the row again once the database answers). Parked with what happened, so it is
            // not sent again and again; its handler is not told, since nothing failed to reach anyone.
            MarkFailed(log, error, row.Kind, row.Key);
            try
            {
                await outbox.ParkAsync(row, row.Attempts + 1, $"sent, but not recorded as sent: {error.GetType().Name}: {error.Message}");
            }
            catch (Exception parkError) when (!StorageFaults.IsStorageFault(parkError))
            {
                // The row stays pending and goes out again: logged above, nothing more to do here.
                _ = parkError;
            }
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
            ParkedNoteFailed(log, error, row.Kind, row.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} row for {Key} failed try {Attempts} ({Reason}); next try at {RetryAt}")]
    private static partial void WillRetry(ILogger logger, string kind, string key, int attempts, string reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} row for {Key} parked after {Attempts} tries: {Reason}")]
    private static partial void Parked(ILogger logger, string kind, string key, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of the parked outbox {Kind} row for {Key} could not record it")]
    private static partial void ParkedNoteFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Kind} row for {Key} was sent but could not be recorded as sent; parking it")]
    private static partial void MarkFailed(ILogger logger, Exception error, string kind, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} row for {Key} was sent, but its lease had run out and another instance holds it now: it may be sent twice")]
    private static partial void LeaseLost(ILogger logger, string kind, string key);
}

/// <summary>
/// What one try of an outbox row came to: when to try again (null: finished with), and the delivered row's mark, which
/// the dispatcher lets land before it claims rows again, whether or not its pass ends early.
/// </summary>
internal readonly record struct OutboxTry(DateTimeOffset? RetryAt, Task Marked);
