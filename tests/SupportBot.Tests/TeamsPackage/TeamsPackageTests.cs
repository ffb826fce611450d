using System.IO.Compression;
using System.Text.Json.Nodes;
using SupportBot.TeamsPackage;

namespace SupportBot.Tests.TeamsPackage;

/// <summary>
/// The packaging command turns manifest/ into the zip an admin uploads to Teams; what it writes must pass
/// Microsoft's schema validation (run here, offline, with the npm package the Teams tooling uses).
/// </summary>
public sealed class TeamsPackageTests : IDisposable
{
    private readonly TeamsManifest _manifest = new();

    public void Dispose() => _manifest.Dispose();

    [Fact]
    public async Task The_package_has_manifest_icons_and_translation_at_its_root_with_this_bots_id_and_domain()
    {
        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        Assert.Empty(result.Problems);
        using var zip = ZipFile.OpenRead(_manifest.OutputZip);
        Assert.Equal(["color.png", "manifest.json", "outline.png", "zh-CN.json"], zip.Entries.Select(entry => entry.FullName).Order());
        var text = await ReadEntryAsync(zip, "manifest.json");
        var manifest = JsonNode.Parse(text)!;
        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
        Assert.Equal(TeamsManifest.BotId, (string?)manifest["id"]);
        Assert.Equal(TeamsManifest.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(TeamsManifest.Domain, (string?)manifest["validDomains"]![0]);
        Assert.Equal($"api://{TeamsManifest.Domain}/botid-{TeamsManifest.BotId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Equal("1.0.0", (string?)manifest["version"]);
    }

    [Fact]
    public async Task What_is_zipped_passes_the_official_Teams_schema_validation()
    {
        await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();
        var unpacked = Path.Combine(Path.GetDirectoryName(_manifest.OutputZip)!, "unpacked");
        await ZipFile.ExtractToDirectoryAsync(_manifest.OutputZip, unpacked);

        var problems = await new ManifestSchemaValidator(TeamsManifest.ShippedFolder).ValidateAsync(unpacked);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_manifest_without_a_bot_id_fails_schema_validation_naming_the_field()
    {
        _manifest.Edit("manifest.json", text => text.Replace("\"botId\": \"${{BOT_ID}}\",", "", StringComparison.Ordinal));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        Assert.Contains(result.Problems, problem => problem.StartsWith("manifest.json: /bots/0 must have required property 'botId'", StringComparison.Ordinal));
        Assert.False(File.Exists(_manifest.OutputZip));
    }

    [Fact]
    public async Task A_scope_spelled_the_old_way_is_refused_with_the_allowed_values()
    {
        _manifest.Edit("manifest.json", text => text.Replace("\"groupChat\" ]", "\"groupchat\" ]", StringComparison.Ordinal));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        // Both the bot's scopes and the team/group-chat command list's scopes carry the misspelling.
        Assert.Contains(result.Problems, problem => problem.StartsWith("manifest.json: /bots/0/scopes/2 must be equal to one of the allowed values", StringComparison.Ordinal));
        Assert.All(result.Problems, problem => Assert.Contains("\"groupChat\"", problem, StringComparison.Ordinal));
        Assert.False(File.Exists(_manifest.OutputZip));
    }

    [Fact]
    public async Task A_translation_that_points_at_no_manifest_text_is_reported()
    {
        // Teams would silently drop it, and the Chinese command list would be missing an entry.
        _manifest.Edit("zh-CN.json", text => text.Replace("\"bots[0].commandLists[0].commands[3].title\"", "\"bots[0].commandLists[0].commands[7].title\"", StringComparison.Ordinal));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        Assert.Contains("zh-CN.json: bots[0].commandLists[0].commands[7].title translates nothing: manifest.json has no text there", result.Problems);
    }

    [Fact]
    public async Task A_colour_icon_of_the_wrong_size_is_reported_and_no_zip_is_written()
    {
        await File.WriteAllBytesAsync(Path.Combine(_manifest.Folder, "color.png"), TestPng.Rgba(100, 100, (_, _) => new Rgba(0x44, 0x64, 0xEE, 255)));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        Assert.Equal(["color.png is 100×100 pixels; Teams requires the colour icon to be 192×192"], result.Problems);
        Assert.False(File.Exists(_manifest.OutputZip));
    }

    [Fact]
    public async Task A_placeholder_the_packager_does_not_know_is_reported_rather_than_shipped()
    {
        _manifest.Edit("manifest.json", text => text.Replace("\"IT Service Desk\"", "\"${{COMPANY}}\"", StringComparison.Ordinal));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("manifest.json uses ${{COMPANY}}, which the packager cannot fill", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_icon_named_with_a_folder_is_refused_because_Teams_reads_only_the_zip_root()
    {
        _manifest.Edit("manifest.json", text => text.Replace("\"color\": \"color.png\"", "\"color\": \"icons/color.png\"", StringComparison.Ordinal));

        var result = await new TeamsPackageBuilder(_manifest.Settings()).BuildAsync();

        Assert.Contains(result.Problems, problem => problem.Contains("\"icons/color.png\": Teams needs the file at the root", StringComparison.Ordinal));
    }

    private static async Task<string> ReadEntryAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(await zip.GetEntry(name)!.OpenAsync());
        return await reader.ReadToEndAsync();
    }
}
