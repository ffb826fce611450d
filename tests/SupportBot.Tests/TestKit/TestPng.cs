using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SupportBot.TeamsPackage;

namespace SupportBot.Tests.TestKit;

/// <summary>Writes small RGBA PNGs, so icon tests can hand the packager exactly the image a mistake would make.</summary>
internal static class TestPng
{
    // filter: the PNG scanline filter for every line (0 none, 1 sub, 2 up, 3 average, 4 Paeth). The predictors are
    // written here independently of PngImage's on purpose: shared, a wrong one would read back "correctly".
    public static byte[] Rgba(int width, int height, Func<int, int, Rgba> pixel, byte filter = 0)
    {
        var stride = width * 4;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                pixels[(y * stride) + (x * 4)] = r;
                pixels[(y * stride) + (x * 4) + 1] = g;
                pixels[(y * stride) + (x * 4) + 2] = b;
                pixels[(y * stride) + (x * 4) + 3] = a;
            }
        }

        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(filter);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= 4 ? pixels[(y * stride) + i - 4] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int upLeft = i >= 4 && y > 0 ? pixels[((y - 1) * stride) + i - 4] : 0;
                var predicted = filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                };
                raw.WriteByte((byte)(pixels[(y * stride) + i] - predicted));
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bits per channel
        header[9] = 6; // RGBA
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, SupportBot.Storage.Crc32.Compute(typed)); // PNG uses the same CRC-32 as the journal
        png.Write(crc);
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
