namespace SupportBot.TeamsPackage;

/// <summary>
/// Teams' rules for an app's two icons: the colour icon is 192×192; the outline icon is 32×32, white on a
/// transparent background (Teams tints it, so any other colour shows up wrong).
/// </summary>
public static class IconRules
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    // Anti-aliased edges from ordinary editors are off-white by a few steps; anything darker is a colour.
    private const byte NearlyWhite = 0xF0;

    public static IReadOnlyList<string> CheckColor(string file, byte[] png)
    {
        if (Decode(file, png, out var unreadable) is not { } image)
        {
            return [unreadable!];
        }

        return image.Width == ColorSize && image.Height == ColorSize
            ? []
            : [$"{file} is {image.Width}×{image.Height} pixels; Teams requires the colour icon to be {ColorSize}×{ColorSize}"];
    }

    public static IReadOnlyList<string> CheckOutline(string file, byte[] png)
    {
        if (Decode(file, png, out var unreadable) is not { } image)
        {
            return [unreadable!];
        }

        if (image.Width != OutlineSize || image.Height != OutlineSize)
        {
            return [$"{file} is {image.Width}×{image.Height} pixels; Teams requires the outline icon to be {OutlineSize}×{OutlineSize}"];
        }

        var problems = new List<string>();
        var pixels = image.Pixels().ToList();
        if (!pixels.Any(pixel => pixel.A == 0))
        {
            problems.Add($"{file} has no transparent pixels; the outline icon must be white on a transparent background");
        }

        if (!pixels.Any(pixel => pixel.A > 0))
        {
            problems.Add($"{file} is empty: every pixel is transparent");
        }

        var coloured = pixels.Count(pixel => pixel.A > 0 && (pixel.R < NearlyWhite || pixel.G < NearlyWhite || pixel.B < NearlyWhite));
        if (coloured > 0)
        {
            problems.Add($"{file} has {coloured} visible pixels that are not white; the outline icon may use only white and transparency");
        }

        return problems;
    }

    private static PngImage? Decode(string file, ReadOnlySpan<byte> png, out string? problem)
    {
        problem = null;
        try
        {
            return PngImage.Read(png);
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException or OverflowException)
        {
            problem = $"{file} {(error is InvalidDataException ? error.Message : "is a damaged PNG file")}";
            return null;
        }
    }
}
