using System.Text.RegularExpressions;

namespace SupportBot.TeamsPackage;

/// <summary>
/// What differs between one installation's Teams package and another's: the Azure Bot's app id, the public
/// host SupportBot runs on, the Teams app id and the package version. Everything else is manifest/.
/// </summary>
public sealed partial record TeamsPackageSettings
{
    public const string DefaultVersion = "1.0.0";

    /// <summary>The Azure Bot's Microsoft App Id (<c>Bot:AppId</c>, <c>--bot-id</c>).</summary>
    public string? BotId { get; init; }

    /// <summary>The Teams app's own id (<c>Teams:AppId</c>, <c>--app-id</c>); by convention the bot's app id.</summary>
    public string? TeamsAppId { get; init; }

    /// <summary>The public host name Teams and browsers reach SupportBot at (<c>Teams:Domain</c>, <c>--domain</c>).</summary>
    public string? Domain { get; init; }

    /// <summary>Teams installs an update only when this grows (<c>Teams:AppVersion</c>, <c>--version</c>).</summary>
    public string Version { get; init; } = DefaultVersion;

    public required string ManifestFolder { get; init; }

    /// <summary>Where validate.mjs and its npm packages are: the repository's manifest/, whatever is packaged.</summary>
    public string? ValidatorFolder { get; init; }

    public required string OutputZip { get; init; }

    public bool SkipSchemaValidation { get; init; }

    /// <summary>The manifest's <c>${{…}}</c> placeholders and their values, or what is wrong with the settings.</summary>
    public IReadOnlyDictionary<string, string> Tokens(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var botId = Guid(BotId, "The bot's Microsoft App Id", "--bot-id <guid> or set Bot:AppId (Bot__AppId in the environment)", problems);
        var teamsAppId = string.IsNullOrWhiteSpace(TeamsAppId)
            ? botId
            : Guid(TeamsAppId, "The Teams app id", "--app-id <guid> or set Teams:AppId, or leave it empty to use the bot's app id", problems);
        var domain = HostName(Domain, problems);
        if (!SemanticVersion().IsMatch(Version))
        {
            problems.Add($"The package version \"{Version}\" must look like 1.0.0 (MAJOR.MINOR.PATCH): pass --version or set Teams:AppVersion");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BOT_ID"] = botId ?? "",
            ["TEAMS_APP_ID"] = teamsAppId ?? "",
            ["BOT_DOMAIN"] = domain ?? "",
            ["APP_VERSION"] = Version,
        };
    }

    private static string? Guid(string? value, string what, string howToSet, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{what} is missing: pass {howToSet}");
            return null;
        }

        if (!System.Guid.TryParseExact(value.Trim(), "D", out var id))
        {
            problems.Add($"{what} \"{value}\" is not a GUID like 00000000-0000-0000-0000-000000000000: pass {howToSet}");
            return null;
        }

        return id.ToString("D");
    }

    // Teams wants a bare host in validDomains; a pasted URL (https://host/) is accepted and reduced to its host.
    private static string? HostName(string? value, List<string> problems)
    {
        const string HowToSet = "pass --domain <host> or set Teams:Domain, e.g. supportbot.contoso.com or your dev tunnel's host";
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"The public domain SupportBot runs on is missing: {HowToSet}");
            return null;
        }

        var host = value.Trim();
        if (host.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(host, UriKind.Absolute, out var url) || url.AbsolutePath != "/" || url.Query.Length > 0)
            {
                problems.Add($"The domain \"{value}\" must be a host name, without a path: {HowToSet}");
                return null;
            }

            host = url.Host;
        }

        host = host.TrimEnd('/').ToLowerInvariant();
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || System.Net.IPAddress.TryParse(host, out _))
        {
            problems.Add($"Teams cannot reach \"{host}\": it needs a public HTTPS host name; for local testing use a dev tunnel ({HowToSet})");
            return null;
        }

        if (!DomainName().IsMatch(host))
        {
            problems.Add($"The domain \"{value}\" is not a host name: {HowToSet}");
            return null;
        }

        return host;
    }

    [GeneratedRegex(@"^\d{1,9}\.\d{1,9}\.\d{1,9}$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainName();
}
