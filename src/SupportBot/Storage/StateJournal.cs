using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SupportBot.Storage;

/// <summary>
/// Bot state as an append-only file: each save appends records (key, ETag, JSON; no JSON for a delete) and the
/// whole batch is made durable with one sequential write and one fsync. An in-memory index points at each key's
/// newest record. Opening the file replays it; a torn record at the end (a crash mid-write) is cut off, because
/// its checksum cannot match. When the file is mostly superseded records it is rewritten with the live ones and
/// swapped in by an atomic rename. Not thread-safe: one writer (the storage's commit thread) appends and
/// compacts; readers call <see cref="Read"/> under the same lock as the writer's index updates.
/// </summary>
/// <remarks>Record: [int32 payload length][uint32 CRC-32 of payload][payload: key \0 etag \0 json].</remarks>
internal sealed class StateJournal : IDisposable
{
    private const int HeaderSize = 8;
    private readonly string _path;
    private readonly long _compactAfterBytes;
    private readonly Dictionary<string, (long Offset, int Length, string ETag)> _index = new(StringComparer.Ordinal);
    private SafeFileHandle _file;
    private long _length;
    private long _liveBytes;

    /// <param name="path">The journal file; created when missing.</param>
    /// <param name="compactAfterBytes">Below this size the file is never rewritten, however much of it is superseded.</param>
    public StateJournal(string path, long compactAfterBytes = 64L * 1024 * 1024)
    {
        _path = path;
        _compactAfterBytes = compactAfterBytes;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Replay();
    }

    public long Length => _length;

    /// <summary>The newest JSON and ETag of <paramref name="key"/>, or null when it has none.</summary>
    public (string Json, string ETag)? Read(string key)
    {
        if (!_index.TryGetValue(key, out var entry))
        {
            return null;
        }

        var payload = new byte[entry.Length];
        RandomAccess.Read(_file, payload, entry.Offset + HeaderSize);
        var (_, etag, json) = Decode(payload);
        return (json!, etag);
    }

    /// <summary>The keys that have a value and start with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Keys(string prefix) => [.. _index.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>Appends the writes in order and makes them durable before returning.</summary>
    public void Append(IReadOnlyList<(string Key, string? Json, string ETag)> writes)
    {
        using var buffer = new MemoryStream();
        var placed = new List<(string Key, long Offset, int Length, string ETag, bool Deleted)>(writes.Count);
        foreach (var (key, json, etag) in writes)
        {
            var payload = Encode(key, etag, json);
            placed.Add((key, _length + buffer.Length, payload.Length, etag, json is null));
            WriteRecord(buffer, payload);
        }

        RandomAccess.Write(_file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), _length);
        RandomAccess.FlushToDisk(_file);
        _length += buffer.Length;
        foreach (var (key, offset, length, etag, deleted) in placed)
        {
            Forget(key);
            if (!deleted)
            {
                _index[key] = (offset, length, etag);
                _liveBytes += HeaderSize + length;
            }
        }
    }

    /// <summary>Rewrites the file with only the newest record of each key, when most of it is superseded.</summary>
    public bool CompactIfWorthIt()
    {
        if (_length < _compactAfterBytes || _liveBytes * 2 > _length)
        {
            return false;
        }

        var temporary = _path + ".compacting";
        var moved = new Dictionary<string, (long Offset, int Length, string ETag)>(StringComparer.Ordinal);
        using (var target = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            long offset = 0;
            foreach (var (key, entry) in _index)
            {
                var record = new byte[HeaderSize + entry.Length];
                RandomAccess.Read(_file, record, entry.Offset);
                RandomAccess.Write(target, record, offset);
                moved[key] = (offset, entry.Length, entry.ETag);
                offset += record.Length;
            }

            RandomAccess.FlushToDisk(target);
        }

        _file.Dispose();
        File.Move(temporary, _path, overwrite: true);
        _file = File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _index.Clear();
        foreach (var (key, entry) in moved)
        {
            _index[key] = entry;
        }

        _length = _liveBytes = RandomAccess.GetLength(_file);
        return true;
    }

    public void Dispose() => _file.Dispose();

    private void Replay()
    {
        var fileLength = RandomAccess.GetLength(_file);
        var header = new byte[HeaderSize];
        long offset = 0;
        while (offset + HeaderSize <= fileLength)
        {
            RandomAccess.Read(_file, header, offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (length <= 0 || offset + HeaderSize + length > fileLength)
            {
                break;
            }

            var payload = new byte[length];
            RandomAccess.Read(_file, payload, offset + HeaderSize);
            if (Crc32.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                break;
            }

            var (key, etag, json) = Decode(payload);
            Forget(key);
            if (json is not null)
            {
                _index[key] = (offset, length, etag);
                _liveBytes += HeaderSize + length;
            }

            offset += HeaderSize + length;
        }

        // Whatever follows the last whole record is a write the crash cut short: it was never acknowledged.
        if (offset < fileLength)
        {
            RandomAccess.SetLength(_file, offset);
            RandomAccess.FlushToDisk(_file);
        }

        _length = offset;
    }

    private void Forget(string key)
    {
        if (_index.Remove(key, out var old))
        {
            _liveBytes -= HeaderSize + old.Length;
        }
    }

    private static byte[] Encode(string key, string etag, string? json) =>
        Encoding.UTF8.GetBytes(json is null ? $"{key}\0{etag}\0" : $"{key}\0{etag}\0\u0001{json}");

    /// <summary>A leading \u0001 marks JSON present, so an empty document and a delete cannot be confused.</summary>
    private static (string Key, string ETag, string? Json) Decode(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        var first = text.IndexOf('\0', StringComparison.Ordinal);
        var second = text.IndexOf('\0', first + 1);
        var rest = text[(second + 1)..];
        return (text[..first], text[(first + 1)..second], rest.Length > 0 && rest[0] == '\u0001' ? rest[1..] : null);
    }

    private static void WriteRecord(Stream buffer, byte[] payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Compute(payload));
        buffer.Write(header);
        buffer.Write(payload);
    }
}

/// <summary>CRC-32 (IEEE 802.3), enough to tell a whole record from a torn one.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

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
