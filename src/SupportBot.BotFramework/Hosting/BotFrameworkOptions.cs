namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// Configuration section <c>Bot</c>: the bot's identity with Azure Bot Service and where tokens come from.
/// With no <see cref="AppId"/> authentication is off (local development and the Emulator without credentials).
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "Bot";

    /// <summary>The Microsoft App Id of the Azure Bot registration.</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret; set it from the environment or a secret store, never in a committed file.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant of a single-tenant bot (the default for new Azure Bots).</summary>
    public string? TenantId { get; set; }

    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    /// <summary>Where the Bot Connector's signing keys are published (note: no hyphen in "openidconfiguration").</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Signing keys for Emulator (Entra-issued) tokens.</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    public List<string> EmulatorIssuers { get; set; } =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>The token endpoint; <c>{tenant}</c> becomes the tenant id (single-tenant) or botframework.com.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Hosts the bot token may be sent to even before a validated request named them. Service URLs from
    /// authenticated inbound activities are trusted as they arrive.
    /// </summary>
    public List<string> TrustedServiceHosts { get; set; } =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
    ];

    /// <summary>Inbound activities larger than this are refused with 413.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Retries of a Connector call answered 429 (after its Retry-After) or 5xx; 0 sends each call once.</summary>
    public int ConnectorRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan ConnectorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>What is wrong with these options, one line per key.</summary>
    public IEnumerable<string> Validate()
    {
        if (ConnectorRetries is < 0 or > 10)
        {
            yield return $"{SectionName}:ConnectorRetries must be from 0 (no retries) to 10, not {ConnectorRetries}.";
        }

        if (ConnectorRetryDelay < TimeSpan.Zero || ConnectorRetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:ConnectorRetryDelay must be from 00:00:00 to 00:01:00.";
        }

        if (MaxActivityBytes < 1024)
        {
            yield return $"{SectionName}:MaxActivityBytes must be at least 1024.";
        }
    }
}

public enum BotAppType
{
    SingleTenant,
    MultiTenant,
}
