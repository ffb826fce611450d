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
    public static ILiteDatabase Open(string path)
    {
        var full = Path.GetFullPath(path);
        var current = full;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var database = new ReopenableLiteDatabase(() => new LiteDatabase(
                new ConnectionString { Filename = full, Connection = ConnectionType.Direct },
                SupportBotBsonMapper.Create()));
            _ = database.GetCollectionNames().ToList();
            current = JournalMigration.JournalBeside(full);
            JournalMigration.MigrateIfPresent(database, full);
            return database;
        }
        catch (Exception error) when (error is not (OutOfMemoryException or StackOverflowException))
        {
            // Whatever a damaged file makes the engine throw (LiteDB reads garbage as whatever type it expects).
            throw new StorageUnavailableException($"Storage: cannot use '{current}': {Reason(error)}", error);
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
