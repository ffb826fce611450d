using LiteDB;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Gives back LiteDB's page cache at idle by reopening the file: LiteDB 5.0.20 keeps every 8 KB page it once held
/// until the engine closes (its cache grows in 8 MB segments and never shrinks), so without this a bot that filed
/// thousands of tickets in a morning holds their pages all afternoon. Also when the cache is over its bound under load
/// (<see cref="LiteDbCacheBound"/>).
/// </summary>
/// <remarks>
/// The reopen waits at most <see cref="Drain"/> for the reads inside the engine; a quiet process has next to none. A
/// turn that comes meanwhile waits for the reopen, which lasts as long as a checkpoint (the log is at most
/// <see cref="DatabaseFile.CheckpointPages"/> pages).
/// </remarks>
internal sealed partial class LiteDbCacheRelease(ILiteDatabase database, ILogger<LiteDbCacheRelease> log) : IReleaseAtIdle
{
    /// <summary>How long the reopen waits for the calls inside to finish before it leaves the engine as it is.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(250);

    /// <summary>The pages LiteDB's cache has taken from the heap (it keeps them until the engine closes).</summary>
    public int CachedPages()
    {
        using var info = database.Execute("SELECT $ FROM $database");
        return info.Read() ? info.Current["cache"]["extendPages"].AsInt32 : 0;
    }

    public void ReleaseAtIdle() => Release();

    /// <summary>Reopens the file, which drops the old engine's cache: at idle, or when the cache is over its bound (<see cref="LiteDbCacheBound"/>).</summary>
    public void Release()
    {
        if (database is not ReopenableLiteDatabase reopenable)
        {
            return;
        }

        try
        {
            if (!reopenable.Reopen(Drain))
            {
                StillBusy(log);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The file could not be opened again (the disk went away, or LiteDB found damage and threw whatever it
            // throws then): the next commit fails, marks the storage faulted (/healthz says so) and reopens the file,
            // at most once a second, until it opens. Memory at idle is not worth stopping the process for.
            ReopenFailed(log, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LiteDB's page cache kept, a read was still running")]
    private static partial void StillBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reopening the database file to release LiteDB's page cache failed")]
    private static partial void ReopenFailed(ILogger logger, Exception error);
}
