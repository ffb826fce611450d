using LiteDB;
using LiteDB.Engine;

namespace SupportBot.Storage;

/// <summary>The data directory could not be used at start: one sentence naming the file, for the one-line refusal.</summary>
internal sealed class StorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Opens the database file at start: creates its directory, migrates an old-layout journal beside it, and reads the
/// file once so that damage is found now. Anything that stops it — a read-only directory, a file another process
/// holds, a damaged file or journal — becomes a <see cref="StorageUnavailableException"/> naming the file.
/// </summary>
internal static class DatabaseFile
{
    internal const int CheckpointPages = 1_000;

    // A SupportBot that is stopping — restarted by the service manager, or a host shutting down on another thread —
    // can hold the file a moment longer than it takes the next one to start. No event says when another process
    // lets go of a lock, so the start looks again for a few seconds before it calls the file taken.
    private static readonly TimeSpan HeldFileWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeldFileRetry = TimeSpan.FromMilliseconds(50);

    // The files this process has open, each with what completes when it is closed again. A host stopping in this process
    // (an in-process restart; the test host, whose entry point disposes on its own thread) may still be closing the file
    // when the next one opens it: the next one waits for that close instead of finding the file taken.
    private static readonly Dictionary<string, TaskCompletionSource> HeldHere = new(StringComparer.Ordinal);
    private static readonly TimeSpan CloseHereWait = TimeSpan.FromMinutes(1);

    public static ILiteDatabase Open(string path)
    {
        var full = Path.GetFullPath(path);
        var current = full;
        ReopenableLiteDatabase? database = null;
        var closed = HoldHere(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            database = new ReopenableLiteDatabase(() => OpenFiles(full), SupportBotBsonMapper.Create(), () => ReleaseHere(full, closed));
            _ = database.GetCollectionNames().ToList();

            // LiteDB copies its log into the data file (a checkpoint) whenever the log reaches this many 8 KB pages, and
            // every reader and writer waits for it: it copies each page of the log and syncs the data file, so it lasts
            // as long as the log is big. At 10,000 pages (an 80 MB log, every 1.5 s at c50) each checkpoint held every
            // turn in flight for 70-90 ms and made the whole p99 (bench/README.md, "The checkpoint was the tail"); at
            // 1,000 it lasts a tenth of that, turns/s is the same, and a crash leaves at most an 8 MB log to replay.
            // (The default of 1,000 once cost two thirds of the throughput, when LiteDB still synced the log itself.)
            database.CheckpointSize = CheckpointPages;

            // Every collection exists before the first group transaction: one first made inside the writer's open
            // transaction can be read half-made by another thread (LiteDB: "page type must be collection page").
            foreach (var name in new[] { "botstate", "tickets", "sequences", "numbers", "cardposts", "triagechannels", "conversationrefs", "outbox", "idempotency", "health", "articles", "deflections" })
            {
                LiteDbCollections.Existing(database, name);
            }
            current = JournalMigration.JournalBeside(full);
            JournalMigration.MigrateIfPresent(database, full);
            LiteDbTicketNumbers.RecordLegacySerials(database);
            return database;
        }
        catch (Exception error) when (error is not (OutOfMemoryException or StackOverflowException))
        {
            // Whatever a damaged file makes the engine throw (LiteDB reads garbage as whatever type it expects).
            if (database is null)
            {
                ReleaseHere(full, closed);
            }

            database?.Dispose();
            throw new StorageUnavailableException($"Storage: cannot use '{current}': {Reason(error)}", error);
        }
    }

    /// <summary>The data file and its log (LiteDB's "-log" name), held exclusively by this process; the log's syncs deferred.</summary>
    private static LiteFileOpening OpenFiles(string path)
    {
        var data = OpenExclusive(path);
        FileStream? log = null;
        try
        {
            log = OpenExclusive(Path.ChangeExtension(path, null) + "-log.db");
            var sync = new LogSync(log);
            return new LiteFileOpening(new LiteEngine(new EngineSettings { DataStream = data, LogStream = sync }), sync, data);
        }
        catch
        {
            data.Dispose();
            log?.Dispose();
            throw;
        }
    }

    /// <summary>Completes once no host of this process holds <paramref name="path"/> (a test that reads the file after a stop).</summary>
    public static Task ClosedHereAsync(string path)
    {
        lock (HeldHere)
        {
            return HeldHere.TryGetValue(path, out var holder) ? holder.Task : Task.CompletedTask;
        }
    }

    /// <summary>Waits until no other host of this process holds <paramref name="path"/>, then marks it held.</summary>
    private static TaskCompletionSource HoldHere(string path)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            Task earlier;
            lock (HeldHere)
            {
                if (!HeldHere.TryGetValue(path, out var holder))
                {
                    HeldHere[path] = mine;
                    return mine;
                }

                earlier = holder.Task;
            }

            // Bounded: a holder that never closes leaves the file to the exclusive open, which then names it as taken.
            if (!earlier.Wait(CloseHereWait))
            {
                return mine;
            }
        }
    }

    private static void ReleaseHere(string path, TaskCompletionSource mine)
    {
        lock (HeldHere)
        {
            if (HeldHere.TryGetValue(path, out var holder) && holder == mine)
            {
                HeldHere.Remove(path);
            }
        }

        mine.TrySetResult();
    }

    private static FileStream OpenExclusive(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return File.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException error) when (IsHeldByAnother(error) && waited.Elapsed < HeldFileWait)
            {
                Thread.Sleep(HeldFileRetry);
            }
        }
    }

    private static bool IsHeldByAnother(IOException error) =>
        error.Message.Contains("another process", StringComparison.OrdinalIgnoreCase);

    private static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException => $"no permission to write there ({error.Message})",
        IOException io when IsHeldByAnother(io) =>
            "another process has it open (is SupportBot already running on this data directory?)",
        IOException => error.Message,
        _ => $"the file is damaged or not a SupportBot database ({error.GetType().Name}: {error.Message})",
    };
}
