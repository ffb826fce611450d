using SupportBot.TeamsPackage;

namespace SupportBot.Tests.TeamsPackage;

/// <summary>Teams' icon rules, on the icons SupportBot ships and on the mistakes an icon editor makes.</summary>
public sealed class TeamsIconTests
{
    private static readonly Rgba White = new(255, 255, 255, 255);
    private static readonly Rgba Clear = new(0, 0, 0, 0);

    [Fact]
    public void The_shipped_icons_have_the_sizes_and_colours_Teams_requires()
    {
        var color = File.ReadAllBytes(Path.Combine(TeamsManifest.ShippedFolder, "color.png"));
        var outline = File.ReadAllBytes(Path.Combine(TeamsManifest.ShippedFolder, "outline.png"));

        Assert.Empty(IconRules.CheckColor("color.png", color));
        Assert.Empty(IconRules.CheckOutline("outline.png", outline));
        var image = PngImage.Read(outline);
        Assert.Equal(Clear.A, image[0, 0].A); // the corners are background: transparent
    }

    [Fact]
    public void An_outline_icon_with_colour_in_it_is_refused()
    {
        var blueStroke = TestPng.Rgba(32, 32, (x, _) => x is > 8 and < 12 ? new Rgba(0x44, 0x64, 0xEE, 255) : x is > 20 and < 24 ? White : Clear);

        var problems = IconRules.CheckOutline("outline.png", blueStroke);

        Assert.Equal(["outline.png has 96 visible pixels that are not white; the outline icon may use only white and transparency"], problems);
    }

    [Fact]
    public void An_outline_icon_without_transparency_is_refused()
    {
        var opaque = TestPng.Rgba(32, 32, (_, _) => White);

        var problems = IconRules.CheckOutline("outline.png", opaque);

        Assert.Equal(["outline.png has no transparent pixels; the outline icon must be white on a transparent background"], problems);
    }

    [Fact]
    public void An_outline_icon_of_the_colour_icons_size_is_refused()
    {
        var problems = IconRules.CheckOutline("outline.png", TestPng.Rgba(192, 192, (_, _) => Clear));

        Assert.Equal(["outline.png is 192×192 pixels; Teams requires the outline icon to be 32×32"], problems);
    }

    [Fact]
    public void A_file_that_is_not_a_PNG_is_named_as_such()
    {
        Assert.Equal(["color.png is not a PNG file"], IconRules.CheckColor("color.png", "GIF89a not really"u8.ToArray()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_PNG_scanline_filter_reads_back_the_same_pixels(byte filter)
    {
        // Editors pick a filter per line to compress better; a reader that mis-undoes one sees the wrong colours.
        static Rgba Pattern(int x, int y) => new((byte)(x * 7), (byte)(y * 11), (byte)((x * y) % 256), (byte)(255 - x - y));

        var image = PngImage.Read(TestPng.Rgba(19, 13, Pattern, filter));

        for (var y = 0; y < 13; y++)
        {
            for (var x = 0; x < 19; x++)
            {
                Assert.Equal(Pattern(x, y), image[x, y]);
            }
        }
    }
}
