using LiteDB;

namespace SupportBot.Storage;

/// <summary>The data directory could not be used at start: one sentence naming the file, for the one-line refusal.</summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Opens the database file at start: creates its directory, migrates an old-layout journal beside it, and reads the
/// file once so that damage is found now. Anything that stops it — a read-only directory, a file another process
/// holds, a damaged file or journal — becomes a <see cref="StorageUnavailableException"/> naming the file.
/// </summary>
internal static class DatabaseFile
{
    private const int CheckpointPages = 10_000;

    public static ILiteDatabase Open(string path)
    {
        var full = Path.GetFullPath(path);
        var current = full;
        ReopenableLiteDatabase? database = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            database = new ReopenableLiteDatabase(() => OpenFiles(full));
            _ = database.GetCollectionNames().ToList();

            // LiteDB copies its log into the data file (a checkpoint, which stops every reader and writer) whenever the
            // log reaches this many 8 KB pages. At the default 1,000, turns that rewrite their state checkpointed about
            // once a second and the intake load test ran at a third of the speed (bench/README.md); 10,000 pages is
            // an 80 MB log at most, replayed on the next start after a crash.
            database.CheckpointSize = CheckpointPages;

            // Every collection exists before the first group transaction: one first made inside the writer's open
            // transaction can be read half-made by another thread (LiteDB: "page type must be collection page").
            foreach (var name in new[] { "botstate", "tickets", "sequences", "numbers", "cardposts", "conversationrefs", "outbox", "idempotency", "health", "articles", "deflections" })
            {
                LiteDbCollections.Existing(database, name);
            }
            current = JournalMigration.JournalBeside(full);
            JournalMigration.MigrateIfPresent(database, full);
            LiteDbTicketStore.RecordLegacySerials(database);
            return database;
        }
        catch (Exception error) when (error is not (OutOfMemoryException or StackOverflowException))
        {
            // Whatever a damaged file makes the engine throw (LiteDB reads garbage as whatever type it expects).
            database?.Dispose();
            throw new StorageUnavailableException($"Storage: cannot use '{current}': {Reason(error)}", error);
        }
    }

    /// <summary>The data file and its log (LiteDB's "-log" name), held exclusively by this process; the log's syncs deferred.</summary>
    private static (ILiteDatabase, LogSync?, Stream?) OpenFiles(string path)
    {
        var data = File.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        FileStream? log = null;
        try
        {
            log = File.Open(Path.ChangeExtension(path, null) + "-log.db", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var sync = new LogSync(log);
            return (new LiteDatabase(data, SupportBotBsonMapper.Create(), sync), sync, data);
        }
        catch
        {
            data.Dispose();
            log?.Dispose();
            throw;
        }
    }

    private static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException => $"no permission to write there ({error.Message})",
        IOException when error.Message.Contains("another process", StringComparison.OrdinalIgnoreCase) =>
            "another process has it open (is SupportBot already running on this data directory?)",
        IOException => error.Message,
        _ => $"the file is damaged or not a SupportBot database ({error.GetType().Name}: {error.Message})",
    };
}
