using SupportBot.TeamsPackage;

namespace SupportBot.Tests.TestKit;

/// <summary>The repository's manifest/ folder, and throw-away copies of it that a test may break on purpose.</summary>
internal sealed class TeamsManifest : IDisposable
{
    public const string BotId = "4f8e2b1a-9c3d-4e5f-8a7b-6c5d4e3f2a1b";
    public const string Domain = "supportbot.contoso.com";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("supportbot-teams-");

    public TeamsManifest()
    {
        Folder = Path.Combine(_work.FullName, "manifest");
        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { "manifest.json", "zh-CN.json", "color.png", "outline.png" })
        {
            File.Copy(Path.Combine(ShippedFolder, file), Path.Combine(Folder, file));
        }
    }

    /// <summary>manifest/ as committed; also where the schema validator and its npm packages live.</summary>
    public static string ShippedFolder { get; } = Path.Combine(RepositoryRoot(), "manifest");

    /// <summary>A copy of the shipped files this test may edit.</summary>
    public string Folder { get; }

    public string OutputZip => Path.Combine(_work.FullName, "artifacts", "SupportBot-teams.zip");

    public TeamsPackageSettings Settings() => new()
    {
        BotId = BotId,
        Domain = Domain,
        ManifestFolder = Folder,
        ValidatorFolder = ShippedFolder,
        OutputZip = OutputZip,
    };

    public void Edit(string file, Func<string, string> change)
    {
        var path = Path.Combine(Folder, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after); // an edit that changes nothing would make the test prove nothing
        File.WriteAllText(path, after);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static string RepositoryRoot() =>
        TeamsPackageCommand.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests run inside the repository, below SupportBot.sln.");
}
