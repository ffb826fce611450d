using System.Buffers.Binary;
using System.Text;
using LiteDB;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// A data directory SupportBot cannot use. Must hold: the process stops with a non-zero exit code and one line that
/// names the file, never a stack trace, and never starts on a silently shortened history.
/// </summary>
public sealed class StartRefusalTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_damaged_data_file_is_refused_naming_it()
    {
        await File.WriteAllBytesAsync(_database.Path, Encoding.UTF8.GetBytes(new string('x', 16_384)));

        await AssertRefusedAsync(_database.Path, _database.Path);
    }

    [Fact]
    public async Task A_file_another_process_holds_is_refused_naming_it()
    {
        using (_database.Open())
        {
            // Created and closed: a real database file.
        }

        await using var held = new FileStream(_database.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        await AssertRefusedAsync(_database.Path, _database.Path);
    }

    [Fact]
    public async Task A_directory_that_cannot_be_written_is_refused_naming_the_file()
    {
        // /proc refuses new files even to root, which the test may well be.
        const string path = "/proc/supportbot-data/supportbot.db";

        await AssertRefusedAsync(path, path);
    }

    [Fact]
    public async Task A_journal_of_the_old_layout_damaged_in_the_middle_is_refused_rather_than_cut_short()
    {
        var journal = SupportBot.Storage.JournalMigration.JournalBeside(_database.Path);
        var records = Enumerable.Range(1, 5).Select(n => Record($"conversation/{n}", $"etag-{n}", $"{{\"step\":{n}}}")).ToList();
        records[2][^3] ^= 0x20; // one flipped bit in the third of five records
        await File.WriteAllBytesAsync(journal, [.. records.SelectMany(record => record)]);

        await AssertRefusedAsync(_database.Path, journal);
        Assert.True(File.Exists(journal)); // left as it was, for someone to look at
    }

    [Fact]
    public async Task A_journal_of_the_old_layout_is_moved_into_the_database_once_and_set_aside()
    {
        var journal = SupportBot.Storage.JournalMigration.JournalBeside(_database.Path);
        var ticket = new BsonDocument { ["day"] = "2026-11-23", ["serial"] = 7, ["ticket"] = new BsonDocument { ["_id"] = "TS-20261123-007", ["Title"] = "journaled" } };
        await File.WriteAllBytesAsync(journal, [.. Record("conversation/a", "e1", "{\"step\":1}"), .. Record("tickets/created/TS-20261123-007", "*", LiteDB.JsonSerializer.Serialize(ticket)), .. Record("conversation/a", "e2", "{\"step\":2}")]);

        await using (var bot = await ChildSupportBot.StartAsync(_database.Path))
        {
            await bot.KillAsync();
        }

        Assert.False(File.Exists(journal));
        Assert.True(File.Exists(journal + ".migrated"));
        using var database = _database.Open();
        Assert.Equal("{\"step\":2}", database.GetCollection("botstate").ByKey("conversation/a")!["json"].AsString);
        Assert.Equal("journaled", database.GetCollection("tickets").ByKey("TS-20261123-007")!["Title"].AsString);
        Assert.Equal(7, database.GetCollection("sequences").ByKey("2026-11-23")!["last"].AsInt32);
    }

    private static async Task AssertRefusedAsync(string databasePath, string named)
    {
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(databasePath);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        Assert.Contains(Path.GetFullPath(named), line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>A record as the old journal wrote it: length, CRC-32, key \0 etag \0 \u0001 json.</summary>
    private static byte[] Record(string key, string etag, string json)
    {
        var payload = Encoding.UTF8.GetBytes($"{key}\0{etag}\0\u0001{json}");
        var record = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), SupportBot.Storage.Crc32.Compute(payload));
        payload.CopyTo(record, 8);
        return record;
    }
}
