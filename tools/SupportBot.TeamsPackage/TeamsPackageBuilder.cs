using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportBot.TeamsPackage;

public sealed record TeamsPackageResult(IReadOnlyList<string> Problems, IReadOnlyList<string> Files)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// manifest/ → artifacts/SupportBot-teams.zip: fills the manifest, checks the icons, stages the files next to
/// the zip (artifacts/teams-package/, what was validated), validates them against the Teams schemas, and only
/// then writes the zip with every file at its root, where Teams looks for them.
/// </summary>
public sealed class TeamsPackageBuilder(TeamsPackageSettings settings)
{
    // A fixed entry time makes the same inputs produce the same zip, so a changed package means changed content.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string StagingFolder => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.OutputZip))!, "teams-package");

    public async Task<TeamsPackageResult> BuildAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var tokens = settings.Tokens(problems);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (problems.Count == 0)
        {
            await ReadPackageFilesAsync(tokens, files, problems, cancellationToken);
        }

        if (problems.Count == 0)
        {
            await StageAsync(files, cancellationToken);
            if (!settings.SkipSchemaValidation)
            {
                problems.AddRange(await new ManifestSchemaValidator(settings.ValidatorFolder ?? settings.ManifestFolder).ValidateAsync(StagingFolder, cancellationToken));
            }
        }

        // A zip left from an earlier run must not be mistaken for this one's result.
        if (File.Exists(settings.OutputZip))
        {
            File.Delete(settings.OutputZip);
        }

        if (problems.Count > 0)
        {
            return new TeamsPackageResult(problems, []);
        }

        await WriteZipAsync(files, cancellationToken);
        return new TeamsPackageResult([], [.. files.Keys]);
    }

    private async Task ReadPackageFilesAsync(IReadOnlyDictionary<string, string> tokens, Dictionary<string, byte[]> files, List<string> problems, CancellationToken cancellationToken)
    {
        var template = await ReadAsync("manifest.json", problems, cancellationToken);
        if (template is null)
        {
            return;
        }

        var manifestText = ManifestTemplate.Fill(Encoding.UTF8.GetString(template), tokens, problems);
        JsonNode? manifest;
        try
        {
            manifest = JsonNode.Parse(manifestText, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException error)
        {
            problems.Add($"manifest.json is not valid JSON: {error.Message}");
            return;
        }

        files["manifest.json"] = Encoding.UTF8.GetBytes(manifestText);
        var icons = manifest?["icons"];
        await AddIconAsync(icons?["color"], "/icons/color", IconRules.CheckColor, files, problems, cancellationToken);
        await AddIconAsync(icons?["outline"], "/icons/outline", IconRules.CheckOutline, files, problems, cancellationToken);
        foreach (var language in manifest?["localizationInfo"]?["additionalLanguages"]?.AsArray() ?? [])
        {
            if (RootFileName(language?["file"], "/localizationInfo/additionalLanguages/file", problems) is { } name
                && await ReadAsync(name, problems, cancellationToken) is { } localization)
            {
                files[name] = localization;
            }
        }
    }

    private async Task AddIconAsync(JsonNode? named, string where, Func<string, byte[], IReadOnlyList<string>> check, Dictionary<string, byte[]> files, List<string> problems, CancellationToken cancellationToken)
    {
        if (RootFileName(named, where, problems) is { } name && await ReadAsync(name, problems, cancellationToken) is { } png)
        {
            problems.AddRange(check(name, png));
            files[name] = png;
        }
    }

    // Teams reads the package's files from the zip root only; a path would point at nothing.
    private static string? RootFileName(JsonNode? named, string where, List<string> problems)
    {
        var name = named?.GetValueKind() == JsonValueKind.String ? named.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"manifest.json {where} must name a file");
            return null;
        }

        if (name != Path.GetFileName(name) || name.Contains('\\', StringComparison.Ordinal))
        {
            problems.Add($"manifest.json {where} is \"{name}\": Teams needs the file at the root of the package, so give a plain file name");
            return null;
        }

        return name;
    }

    private async Task<byte[]?> ReadAsync(string name, List<string> problems, CancellationToken cancellationToken)
    {
        var path = Path.Combine(settings.ManifestFolder, name);
        if (!File.Exists(path))
        {
            problems.Add($"{name} is missing from {settings.ManifestFolder}");
            return null;
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }

    private async Task StageAsync(Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        if (Directory.Exists(StagingFolder))
        {
            Directory.Delete(StagingFolder, recursive: true);
        }

        Directory.CreateDirectory(StagingFolder);
        foreach (var (name, content) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(StagingFolder, name), content, cancellationToken);
        }
    }

    private async Task WriteZipAsync(Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.OutputZip))!);
        await using var zipFile = File.Create(settings.OutputZip);
        await using var zip = new ZipArchive(zipFile, ZipArchiveMode.Create);
        foreach (var (name, content) in files)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            await using var stream = await entry.OpenAsync(cancellationToken);
            await stream.WriteAsync(content, cancellationToken);
        }
    }
}
