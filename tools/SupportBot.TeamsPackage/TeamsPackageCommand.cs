using Microsoft.Extensions.Configuration;

namespace SupportBot.TeamsPackage;

/// <summary>
/// <c>dotnet run --project tools/SupportBot.TeamsPackage -- --bot-id &lt;guid&gt; --domain &lt;host&gt;</c>.
/// Values come from SupportBot's own configuration (appsettings.json, appsettings.{Environment}.json, the
/// environment) and the command line, the later winning, so a deployment's settings package it unchanged.
/// </summary>
public static class TeamsPackageCommand
{
    public const string Usage = """
        Builds the Microsoft Teams app package artifacts/SupportBot-teams.zip from manifest/.

        Options (each may instead come from configuration, named in brackets):
          --bot-id <guid>            the Azure Bot's Microsoft App Id       [Bot:AppId, env Bot__AppId]
          --domain <host>            SupportBot's public host, e.g. a tunnel [Teams:Domain]
          --app-id <guid>            Teams app id; default the bot's app id  [Teams:AppId]
          --version <x.y.z>          package version; raise it every update  [Teams:AppVersion]
          --settings <file>          default src/SupportBot/appsettings.json
          --manifest <folder>        default manifest/
          --output <file>            default artifacts/SupportBot-teams.zip
          --skip-schema-validation   package without Node.js (the test suite still validates)
        """;

    private const string SkipSchemaValidation = "--skip-schema-validation";

    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["--bot-id"] = "Bot:AppId",
        ["--domain"] = "Teams:Domain",
        ["--app-id"] = "Teams:AppId",
        ["--version"] = "Teams:AppVersion",
        ["--settings"] = "Package:Settings",
        ["--manifest"] = "Package:Manifest",
        ["--output"] = "Package:Output",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var skipSchema = args.Contains(SkipSchemaValidation);
        var options = args.Where(arg => arg != SkipSchemaValidation).ToArray();
        if (UsageProblem(options) is { } problem)
        {
            await errors.WriteLineAsync($"{problem}\n\n{Usage}");
            return 2;
        }

        var settings = Read(options, skipSchema);
        var builder = new TeamsPackageBuilder(settings);
        var result = await builder.BuildAsync(cancellationToken);
        if (!result.Succeeded)
        {
            await errors.WriteLineAsync("The Teams app package was not written:");
            foreach (var line in result.Problems)
            {
                await errors.WriteLineAsync($"  - {line}");
            }

            return 1;
        }

        await output.WriteLineAsync($"Wrote {settings.OutputZip} ({string.Join(", ", result.Files)}).");
        await output.WriteLineAsync(settings.SkipSchemaValidation
            ? "Schema validation was skipped."
            : $"It passed the Teams schema validation; the validated files are in {builder.StagingFolder}.");
        return 0;
    }

    private static string? UsageProblem(string[] options)
    {
        for (var i = 0; i < options.Length; i += 2)
        {
            if (!Options.ContainsKey(options[i]))
            {
                return $"Unknown option {options[i]}.";
            }

            if (i + 1 >= options.Length || options[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"{options[i]} needs a value.";
            }
        }

        return null;
    }

    private static TeamsPackageSettings Read(string[] options, bool skipSchema)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(options, Options).Build();
        var root = RepositoryRoot();
        var settingsFile = Path.GetFullPath(commandLine["Package:Settings"] ?? Path.Combine(root, "src", "SupportBot", "appsettings.json"));
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(settingsFile, optional: commandLine["Package:Settings"] is null)
            .AddJsonFile(Path.ChangeExtension(settingsFile, $".{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .AddConfiguration(commandLine)
            .Build();

        return new TeamsPackageSettings
        {
            BotId = configuration["Bot:AppId"],
            TeamsAppId = configuration["Teams:AppId"],
            Domain = configuration["Teams:Domain"],
            Version = configuration["Teams:AppVersion"] is { Length: > 0 } version ? version : TeamsPackageSettings.DefaultVersion,
            ManifestFolder = Path.GetFullPath(commandLine["Package:Manifest"] ?? Path.Combine(root, "manifest")),
            ValidatorFolder = Path.Combine(root, "manifest"),
            OutputZip = Path.GetFullPath(commandLine["Package:Output"] ?? Path.Combine(root, "artifacts", "SupportBot-teams.zip")),
            SkipSchemaValidation = skipSchema,
        };
    }

    // The repository, found upwards from where the command runs or else from the tool itself.
    private static string RepositoryRoot() =>
        FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds SupportBot.sln, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SupportBot.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
