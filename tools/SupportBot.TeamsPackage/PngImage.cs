using System.Buffers.Binary;
using System.IO.Compression;

namespace SupportBot.TeamsPackage;

/// <summary>
/// Just enough of PNG to check Teams' icon rules: size and every pixel's colour and alpha. Reads 8-bit,
/// non-interlaced greyscale, RGB, palette-free images with or without alpha, which is what icon editors export.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public Rgba this[int x, int y]
    {
        get
        {
            var at = ((y * Width) + x) * 4;
            return new Rgba(_rgba[at], _rgba[at + 1], _rgba[at + 2], _rgba[at + 3]);
        }
    }

    public IEnumerable<Rgba> Pixels()
    {
        for (var at = 0; at < _rgba.Length; at += 4)
        {
            yield return new Rgba(_rgba[at], _rgba[at + 1], _rgba[at + 2], _rgba[at + 3]);
        }
    }

    /// <exception cref="InvalidDataException">Not a PNG, or a kind this reader does not handle (the message says which).</exception>
    public static PngImage Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < Signature.Length + 25 || !file[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("is not a PNG file");
        }

        var width = 0;
        var height = 0;
        var channels = 0;
        using var compressed = new MemoryStream();
        for (var at = Signature.Length; at + 12 <= file.Length;)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file[at..]));
            var type = System.Text.Encoding.ASCII.GetString(file.Slice(at + 4, 4));
            var data = file.Slice(at + 8, length);
            if (type == "IHDR")
            {
                width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                channels = ChannelsOf(bitDepth: data[8], colourType: data[9], interlaced: data[12] != 0);
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }

            at += 12 + length;
        }

        if (channels == 0)
        {
            throw new InvalidDataException("has no PNG header");
        }

        compressed.Position = 0;
        using var inflated = new ZLibStream(compressed, CompressionMode.Decompress);
        var raw = new byte[height * ((width * channels) + 1)];
        inflated.ReadExactly(raw);
        return new PngImage(width, height, ToRgba(Unfilter(raw, width, height, channels), width * height, channels));
    }

    private static int ChannelsOf(byte bitDepth, byte colourType, bool interlaced)
    {
        if (bitDepth != 8 || interlaced)
        {
            throw new InvalidDataException("must be an 8-bit, non-interlaced PNG (export it as 8-bit RGBA)");
        }

        return colourType switch
        {
            0 => 1, // greyscale
            2 => 3, // RGB
            4 => 2, // greyscale + alpha
            6 => 4, // RGBA
            _ => throw new InvalidDataException("uses a colour palette; export it as 8-bit RGBA"),
        };
    }

    // Each scanline starts with a filter byte; undoing the filters gives the plain pixel bytes (PNG spec §9).
    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan((y * (stride + 1)) + 1, stride);
            for (var x = 0; x < stride; x++)
            {
                int left = x >= channels ? pixels[(y * stride) + x - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                int upLeft = x >= channels && y > 0 ? pixels[((y - 1) * stride) + x - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"has an unknown scanline filter {filter}"),
                };
                pixels[(y * stride) + x] = (byte)(line[x] + predicted);
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    private static byte[] ToRgba(byte[] pixels, int count, int channels)
    {
        var rgba = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            var from = pixels.AsSpan(i * channels, channels);
            var (r, g, b, a) = channels switch
            {
                1 => (from[0], from[0], from[0], (byte)255),
                2 => (from[0], from[0], from[0], from[1]),
                3 => (from[0], from[1], from[2], (byte)255),
                _ => (from[0], from[1], from[2], from[3]),
            };
            rgba[i * 4] = r;
            rgba[(i * 4) + 1] = g;
            rgba[(i * 4) + 2] = b;
            rgba[(i * 4) + 3] = a;
        }

        return rgba;
    }
}

public readonly record struct Rgba(byte R, byte G, byte B, byte A);
