using System.Buffers.Binary;
using System.Text;
using LiteDB;

namespace SupportBot.Storage;

/// <summary>
/// Moves a data directory of the old layout — bot state and freshly created tickets in an append-only
/// <c>.state</c> journal beside the LiteDB file — into the database, once, at start: every live record is written
/// in one transaction, then the journal is renamed aside (<c>.state.migrated</c>), so the database is the only
/// source of truth from then on.
/// </summary>
/// <remarks>
/// Record: [int32 payload length][uint32 CRC-32 of payload][payload: key \0 etag \0 (\u0001 json | nothing for a delete)].
/// A torn last record (the crash cut the write short) was never acknowledged and is left out. A record that fails
/// its checksum with more records after it is damage: the start is refused, naming the file, rather than
/// silently dropping what follows (acknowledged tickets among them).
/// </remarks>
internal static class JournalMigration
{
    private const int HeaderSize = 8;
    private const string TicketPrefix = "tickets/created/";

    /// <summary>The old journal's file beside the database (<c>data/supportbot.db</c> → <c>data/supportbot.state</c>).</summary>
    public static string JournalBeside(string databasePath) => Path.ChangeExtension(databasePath, ".state");

    /// <summary>Migrates the journal beside <paramref name="databasePath"/> if there is one; the number of records moved.</summary>
    public static int MigrateIfPresent(ILiteDatabase database, string databasePath)
    {
        var journal = JournalBeside(databasePath);
        if (!File.Exists(journal))
        {
            return 0;
        }

        var records = Read(journal);
        database.BeginTrans();
        try
        {
            foreach (var (key, (json, etag)) in records)
            {
                if (key.StartsWith(TicketPrefix, StringComparison.Ordinal))
                {
                    ImportTicket(database, json);
                }
                else
                {
                    LiteDbBotStorage.Import(database, key, json, etag);
                }
            }

            database.Commit();
        }
        catch
        {
            database.Rollback();
            throw;
        }

        File.Move(journal, journal + ".migrated", overwrite: true);
        return records.Count;
    }

    /// <summary>The newest value of every key still alive in the journal.</summary>
    internal static Dictionary<string, (string Json, string ETag)> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var live = new Dictionary<string, (string Json, string ETag)>(StringComparer.Ordinal);
        var offset = 0;
        while (offset + HeaderSize <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            if (length <= 0 || offset + HeaderSize + length > bytes.Length)
            {
                break;
            }

            var payload = bytes.AsSpan(offset + HeaderSize, length);
            var last = offset + HeaderSize + length == bytes.Length;
            if (Crc32.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4)))
            {
                if (last)
                {
                    break;
                }

                throw new InvalidDataException($"the journal is damaged at byte {offset} (a record fails its checksum and more follow)");
            }

            var (key, etag, json) = Decode(payload);
            if (json is null)
            {
                live.Remove(key);
            }
            else
            {
                live[key] = (json, etag);
            }

            offset += HeaderSize + length;
        }

        return live;
    }

    /// <summary>A ticket the old store had journaled: inserted unless it reached the database already; the day's sequence only grows.</summary>
    private static void ImportTicket(ILiteDatabase database, string json)
    {
        var record = LiteDB.JsonSerializer.Deserialize(json).AsDocument;
        var ticket = record["ticket"].AsDocument;
        var sequences = database.GetCollection("sequences");
        var day = record["day"].AsString;
        var serial = record["serial"].AsInt32;
        if ((sequences.ByKey(day)?["last"].AsInt32 ?? 0) < serial)
        {
            sequences.Upsert(new BsonDocument { ["_id"] = day, ["last"] = serial });
        }

        var tickets = database.GetCollection("tickets");
        if (tickets.ByKey(ticket["_id"]) is null)
        {
            tickets.Insert(ticket);
        }
    }

    /// <summary>A leading \u0001 marks JSON present, so an empty document and a delete cannot be confused.</summary>
    private static (string Key, string ETag, string? Json) Decode(ReadOnlySpan<byte> payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        var first = text.IndexOf('\0', StringComparison.Ordinal);
        var second = text.IndexOf('\0', first + 1);
        if (first < 0 || second < 0)
        {
            throw new InvalidDataException("the journal holds a record without its key and version");
        }

        var rest = text[(second + 1)..];
        return (text[..first], text[(first + 1)..second], rest.Length > 0 && rest[0] == '\u0001' ? rest[1..] : null);
    }
}

/// <summary>CRC-32 (IEEE 802.3), as the old journal wrote it: enough to tell a whole record from a torn or damaged one.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
