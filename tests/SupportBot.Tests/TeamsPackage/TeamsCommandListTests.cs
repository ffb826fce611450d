using System.Text.Json.Nodes;
using SupportBot.Intake;
using SupportBot.Localization;

namespace SupportBot.Tests.TeamsPackage;

/// <summary>
/// Teams shows the manifest's command list as suggestions and sends the chosen title as the message text, in
/// the user's language. Each one must therefore be a command SupportBot understands, meaning the same in both.
/// </summary>
public sealed class TeamsCommandListTests
{
    private static readonly JsonNode Manifest = Load("manifest.json");
    private static readonly JsonNode Chinese = Load("zh-CN.json");

    private readonly ReporterCommands _commands = new(new Localizer());

    public static TheoryData<string> CommandPaths()
    {
        var paths = new TheoryData<string>();
        var lists = Manifest["bots"]![0]!["commandLists"]!.AsArray();
        for (var list = 0; list < lists.Count; list++)
        {
            for (var command = 0; command < lists[list]!["commands"]!.AsArray().Count; command++)
            {
                paths.Add($"bots[0].commandLists[{list}].commands[{command}]");
            }
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Each_command_title_is_understood_and_means_the_same_in_Chinese(string path)
    {
        var english = (string)At(path)!["title"]!;
        var chinese = (string?)Chinese[$"{path}.title"];

        var inEnglish = _commands.Recognize(english);
        var inChinese = _commands.Recognize(chinese);

        Assert.NotNull(inEnglish);
        Assert.NotNull(chinese);
        Assert.Equal(inEnglish, inChinese);
        Assert.NotNull(Chinese[$"{path}.description"]);
    }

    [Fact]
    public void The_personal_command_list_offers_what_the_welcome_offers()
    {
        var personal = Manifest["bots"]![0]!["commandLists"]!.AsArray().Single(list => list!["scopes"]!.AsArray().Any(scope => (string?)scope == "personal"));

        var kinds = personal!["commands"]!.AsArray().Select(command => _commands.Recognize((string?)command!["title"])!.Kind);

        Assert.Equal([ReporterCommandKind.Report, ReporterCommandKind.MyTickets, ReporterCommandKind.Status, ReporterCommandKind.Help], kinds);
    }

    [Fact]
    public void The_app_name_and_description_are_translated()
    {
        foreach (var key in new[] { "name.short", "name.full", "description.short", "description.full" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)Chinese[key]), $"zh-CN.json lacks {key}");
            Assert.Equal(Localizer.Chinese, Localizer.LanguageOf((string?)Chinese[key]));
        }
    }

    private static JsonNode At(string path) =>
        path.Split('.').SelectMany(part => part.Split('[', ']')).Where(step => step.Length > 0)
            .Aggregate(Manifest, (node, step) => int.TryParse(step, out var index) ? node[index]! : node[step]!);

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(TestKit.TeamsManifest.ShippedFolder, file)))!;
}
