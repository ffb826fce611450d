using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Authentication;

/// <summary>The outcome of checking an inbound request's bearer token.</summary>
public sealed record ChannelAuthentication(bool Succeeded, string? Failure, ClaimsIdentity? Identity)
{
    public static ChannelAuthentication Anonymous { get; } = new(true, null, new ClaimsIdentity());

    public static ChannelAuthentication Fail(string why) => new(false, why, null);
}

/// <summary>
/// Validates the JWT a channel sends with each activity, as the Bot Connector authentication specification
/// describes: issuer, audience (our app id), lifetime with 5 minutes' skew, the signature against the published
/// keys (cached, refreshed daily and when an unknown key appears), the <c>serviceurl</c> claim against the
/// activity, and the signing key's endorsement for the activity's channel. Emulator tokens are accepted from
/// the Entra issuers when their appid/azp is ours.
/// </summary>
public sealed class ChannelTokenValidator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider time)
{
    public const string MetadataHttpClient = "SupportBot.BotFramework.OpenIdMetadata";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkOptions _options = options.Value;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _metadata = new();

    public async Task<ChannelAuthentication> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!_options.AuthenticationEnabled)
        {
            return ChannelAuthentication.Anonymous;
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return ChannelAuthentication.Fail("no bearer token");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(raw))
        {
            return ChannelAuthentication.Fail("the token is not a JWT");
        }

        var unverified = _handler.ReadJsonWebToken(raw);
        var isChannel = unverified.Issuer == _options.ChannelIssuer;
        if (!isChannel && !_options.EmulatorIssuers.Contains(unverified.Issuer))
        {
            return ChannelAuthentication.Fail($"untrusted issuer '{unverified.Issuer}'");
        }

        var metadata = Metadata(isChannel ? _options.OpenIdMetadataUrl : _options.EmulatorOpenIdMetadataUrl);
        var result = await ValidateSignedAsync(raw, metadata, isChannel, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key we have not seen: the channel may have rolled its keys since we last fetched them.
            metadata.RequestRefresh();
            result = await ValidateSignedAsync(raw, metadata, isChannel, cancellationToken);
        }

        if (!result.IsValid)
        {
            return ChannelAuthentication.Fail(result.Exception?.GetType().Name ?? "invalid token");
        }

        var token = (JsonWebToken)result.SecurityToken;
        return isChannel
            ? await CheckChannelClaimsAsync(token, activity, result.ClaimsIdentity, metadata, cancellationToken)
            : CheckEmulatorClaims(token, result.ClaimsIdentity);
    }

    private async Task<TokenValidationResult> ValidateSignedAsync(string raw, ConfigurationManager<OpenIdConnectConfiguration> metadata, bool isChannel, CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuers = isChannel ? [_options.ChannelIssuer] : _options.EmulatorIssuers,
            ValidateAudience = isChannel,
            ValidAudience = _options.AppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            LifetimeValidator = WithinLifetime,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            ValidAlgorithms = Algorithms,
        });
    }

    /// <summary>nbf/exp against the injected clock, allowing the protocol's five minutes of skew.</summary>
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + ClockSkew && (notBefore is not { } nbf || now >= nbf - ClockSkew);
    }

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static async Task<ChannelAuthentication> CheckChannelClaimsAsync(
        JsonWebToken token, Activity activity, ClaimsIdentity identity, ConfigurationManager<OpenIdConnectConfiguration> metadata, CancellationToken cancellationToken)
    {
        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl)
            || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthentication.Fail("the serviceurl claim does not match the activity");
        }

        if (activity.ChannelId is { } channel)
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == token.Kid);
            if (key is null || !Endorsements(key).Contains(channel, StringComparer.OrdinalIgnoreCase))
            {
                return ChannelAuthentication.Fail($"the signing key is not endorsed for channel '{channel}'");
            }
        }

        return new ChannelAuthentication(true, null, identity);
    }

    private ChannelAuthentication CheckEmulatorClaims(JsonWebToken token, ClaimsIdentity identity)
    {
        // v1 tokens name the caller's app in "appid", v2 tokens in "azp".
        var version = token.TryGetPayloadValue<string>("ver", out var ver) ? ver : "1.0";
        var claim = version == "2.0" ? "azp" : "appid";
        return token.TryGetPayloadValue<string>(claim, out var appId) && appId == _options.AppId
            ? new ChannelAuthentication(true, null, identity)
            : ChannelAuthentication.Fail($"the token's {claim} is not this bot's app id");
    }

    private static IEnumerable<string> Endorsements(JsonWebKey key) =>
        key.AdditionalData.TryGetValue("endorsements", out var value)
            ? value switch
            {
                JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
                IEnumerable<object> list => list.Select(e => e?.ToString() ?? ""),
                _ => [],
            }
            : [];

    private ConfigurationManager<OpenIdConnectConfiguration> Metadata(string url) =>
        _metadata.GetOrAdd(url, address => new ConfigurationManager<OpenIdConnectConfiguration>(
            address,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(MetadataHttpClient)) { RequireHttps = address.StartsWith("https://", StringComparison.Ordinal) })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
        });
}
