using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Keeps LiteDB's page cache bounded while the process is never quiet: at each look, a cache that holds more than
/// <see cref="StorageOptions.LiteDbCachePagesAtMost"/> pages is released as at idle (<see cref="LiteDbCacheRelease"/>).
/// LiteDB 5.0.20 keeps every page it once took, and loses some for good with every write: at 2,000 turns/s the lost
/// ones alone grew by 10 MB every five minutes, which a desk that is never idle would never have got back.
/// </summary>
/// <remarks>
/// The release reopens the file: turns that come meanwhile wait for it, about as long as a checkpoint, once per few
/// tens of megabytes written (bench/README.md, "LiteDB's page cache bounded under load").
/// </remarks>
internal sealed partial class LiteDbCacheBound(LiteDbCacheRelease release, IOptions<StorageOptions> options, TimeProvider time, ILogger<LiteDbCacheBound> log)
    : BackgroundService
{
    /// <summary>How often the cache's size is read: a query of LiteDB's own figures.</summary>
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var atMost = options.Value.LiteDbCachePagesAtMost;
        if (atMost <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(LookEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Look(atMost);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One look: releases the cache when it holds more than <paramref name="atMost"/> pages.</summary>
    internal void Look(int atMost)
    {
        int pages;
        try
        {
            pages = release.CachedPages();
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            // The storage is failing (health says so, and the commit queue reopens it): nothing to bound now.
            return;
        }

        if (pages > atMost)
        {
            OverBound(log, pages, atMost);
            release.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LiteDB's page cache holds {Pages} pages (at most {AtMost}): reopening the file to release it")]
    private static partial void OverBound(ILogger logger, int pages, int atMost);
}
