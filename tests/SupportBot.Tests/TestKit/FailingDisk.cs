using LiteDB;
using SupportBot.Storage;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A disk that can be made to fail every write, as a full disk does ("No space left on device"): the database file
/// and its log are opened through it, so the failure reaches LiteDB where a real one would.
/// </summary>
internal sealed class FailingDisk
{
    public volatile bool Full;

    public ILiteDatabase Open(string path) => new LiteDatabase(
        new FailingStream(this, File.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite)),
        SupportBotBsonMapper.Create(),
        new FailingStream(this, File.Open(Path.ChangeExtension(path, null) + "-log.db", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite)));

    private sealed class FailingStream(FailingDisk disk, FileStream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush()
        {
            Check();
            inner.Flush(flushToDisk: true);
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value)
        {
            Check();
            inner.SetLength(value);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check();
            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Check()
        {
            if (disk.Full)
            {
                throw new IOException("No space left on device");
            }
        }
    }
}
