namespace SupportBot.Storage;

/// <summary>
/// LiteDB's log file with its fsyncs taken out of LiteDB's hands: LiteDB's page writer syncs each time its queue runs
/// dry, which is several times per commit (bench/README.md: about eleven), and each costs a few milliseconds on this
/// kind of disk. Here LiteDB's flushes only hand the bytes to the operating system, and the log is synced once after
/// each explicit commit (<see cref="Sync"/>, called by <see cref="ReopenableLiteEngine.Commit"/>; the commit queue
/// makes one per group), before any turn of that commit is told it is durable.
/// </summary>
/// <remarks>
/// LiteDB's crash recovery relies on the log's order (a transaction counts once its confirming page is there), which
/// one sync after the whole commit keeps: nothing of a commit is acknowledged before all of it is on disk.
/// </remarks>
internal sealed class LogSync(FileStream inner) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }

    /// <summary>Makes everything written to the log so far durable.</summary>
    public void Sync() => inner.Flush(flushToDisk: true);

    public override void Flush() => inner.Flush(flushToDisk: false);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
