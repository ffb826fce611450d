using LiteDB;
using SupportBot.Storage;

namespace SupportBot.Tests.TestKit;

/// <summary>A LiteDB file of its own for one test, deleted afterwards; <see cref="Open"/> may be called again to reopen it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"supportbot-test-{Guid.NewGuid():N}.db");

    public LiteDatabase Open() =>
        new(new ConnectionString { Filename = Path, Connection = ConnectionType.Direct }, SupportBotBsonMapper.Create());

    public static LiteDatabase InMemory() => new(new MemoryStream(), SupportBotBsonMapper.Create());

    public void Dispose()
    {
        foreach (var file in new[] { Path, System.IO.Path.ChangeExtension(Path, null) + "-log.db", JournalMigration.JournalBeside(Path), JournalMigration.JournalBeside(Path) + ".migrated" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }

        // The knowledge index's folder beside the file (KnowledgeOptions.IndexPath). Now and then a file of Lucene's
        // appears in it while it is being deleted; what is left in the temp folder is harmless and not the test's subject.
        try
        {
            if (Directory.Exists(Path + ".kb-index"))
            {
                Directory.Delete(Path + ".kb-index", recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
