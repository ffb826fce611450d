using System.IO.Compression;
using System.Text.Json.Nodes;
using SupportBot.TeamsPackage;

namespace SupportBot.Tests.TeamsPackage;

/// <summary>
/// The README's packaging command: the bot id and domain come from SupportBot's configuration or the command
/// line, and every mistake is answered with what to do, not with a half-made package.
/// </summary>
public sealed class TeamsPackageCommandTests : IDisposable
{
    private const string Secret = "app-password-never-printed-31c9";

    private readonly TeamsManifest _manifest = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    public void Dispose()
    {
        _manifest.Dispose();
        _output.Dispose();
        _errors.Dispose();
    }

    [Fact]
    public async Task The_bot_id_and_domain_come_from_the_apps_configuration_and_the_secret_is_never_printed()
    {
        var settings = await SettingsFileAsync($$"""
            { "Bot": { "AppId": "{{TeamsManifest.BotId}}", "AppPassword": "{{Secret}}" },
              "Teams": { "Domain": "https://k7x2m9-3978.asse.devtunnels.ms/", "AppVersion": "1.4.0" } }
            """);

        var exit = await RunAsync("--settings", settings);

        Assert.Equal(0, exit);
        var manifest = await PackagedManifestAsync();
        Assert.Equal(TeamsManifest.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("k7x2m9-3978.asse.devtunnels.ms", (string?)manifest["validDomains"]![0]);
        Assert.Equal("1.4.0", (string?)manifest["version"]);
        Assert.Contains("passed the Teams schema validation", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, _output.ToString() + _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_wins_over_configuration()
    {
        var settings = await SettingsFileAsync("""{ "Teams": { "Domain": "old.contoso.com", "AppVersion": "1.4.0" } }""");

        var exit = await RunAsync("--settings", settings, "--bot-id", TeamsManifest.BotId, "--domain", "new.contoso.com", "--version", "1.5.0");

        Assert.Equal(0, exit);
        var manifest = await PackagedManifestAsync();
        Assert.Equal("new.contoso.com", (string?)manifest["validDomains"]![0]);
        Assert.Equal("1.5.0", (string?)manifest["version"]);
    }

    [Fact]
    public async Task Without_a_bot_id_it_says_where_to_set_one_and_removes_an_older_zip()
    {
        var settings = await SettingsFileAsync("""{ "Bot": { "AppId": "" }, "Teams": { "Domain": "supportbot.contoso.com" } }""");
        Directory.CreateDirectory(Path.GetDirectoryName(_manifest.OutputZip)!);
        await File.WriteAllTextAsync(_manifest.OutputZip, "yesterday's package");

        var exit = await RunAsync("--settings", settings);

        Assert.Equal(1, exit);
        Assert.Contains("The bot's Microsoft App Id is missing: pass --bot-id <guid> or set Bot:AppId", _errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_manifest.OutputZip), "a stale package must not look like this run's result");
    }

    [Theory]
    [InlineData("--bot-id", "28:4f8e2b1a", "is not a GUID")]
    [InlineData("--domain", "https://supportbot.contoso.com/api/messages", "must be a host name, without a path")]
    [InlineData("--domain", "localhost", "Teams cannot reach \"localhost\"")]
    [InlineData("--domain", "127.0.0.1", "Teams cannot reach \"127.0.0.1\"")]
    [InlineData("--version", "1.0", "must look like 1.0.0")]
    public async Task A_wrong_value_is_named_with_what_it_should_look_like(string option, string value, string expected)
    {
        var arguments = new Dictionary<string, string> { ["--bot-id"] = TeamsManifest.BotId, ["--domain"] = TeamsManifest.Domain, [option] = value };

        var exit = await RunAsync([.. arguments.SelectMany(pair => new[] { pair.Key, pair.Value })]);

        Assert.Equal(1, exit);
        Assert.Contains(expected, _errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_manifest.OutputZip));
    }

    [Theory]
    [InlineData("--bot", "x")]
    [InlineData("--domain")]
    public async Task A_mistyped_command_line_gets_the_usage(params string[] arguments)
    {
        var exit = await RunAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Contains("--bot-id <guid>", _errors.ToString(), StringComparison.Ordinal);
    }

    private Task<int> RunAsync(params string[] arguments) =>
        TeamsPackageCommand.RunAsync([.. arguments, "--manifest", _manifest.Folder, "--output", _manifest.OutputZip], _output, _errors);

    private async Task<string> SettingsFileAsync(string json)
    {
        var path = Path.Combine(Path.GetDirectoryName(_manifest.Folder)!, "appsettings.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    private async Task<JsonNode> PackagedManifestAsync()
    {
        using var zip = ZipFile.OpenRead(_manifest.OutputZip);
        using var reader = new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync());
        return JsonNode.Parse(await reader.ReadToEndAsync())!;
    }
}
