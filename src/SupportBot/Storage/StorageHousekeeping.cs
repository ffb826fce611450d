using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>Forgets idempotency records older than <see cref="IdempotencyRecords.Lifetime"/>, on whichever engine keeps them.</summary>
internal interface IIdempotencyPurge
{
    Task PurgeAsync();
}

/// <summary>Keeps the bounded tables bounded: delivered outbox rows and idempotency records older than a day go, hourly.</summary>
internal sealed partial class StorageHousekeeping(IOutboxRows outbox, IIdempotencyPurge records, TimeProvider time, ILogger<StorageHousekeeping> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await outbox.PurgeDeliveredAsync(IdempotencyRecords.Lifetime);
                await records.PurgeAsync();
            }
            catch (Exception error) when (StorageFaults.IsStorageFault(error))
            {
                SupportBotTelemetry.StorageFailed("housekeeping");
                PurgeFailed(log, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old outbox rows and idempotency records failed; next hour again")]
    private static partial void PurgeFailed(ILogger logger, Exception error);
}
