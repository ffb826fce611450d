using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// Stands in for login.botframework.com: publishes OpenID metadata and a key set (with per-key channel
/// endorsements) and signs channel tokens with its test key. Also answers the Entra token endpoint.
/// </summary>
internal sealed class TestChannelIssuer : IDisposable
{
    public const string AppId = "00000000-1111-2222-3333-444444444444";
    public const string Issuer = "https://api.botframework.com";
    public const string MetadataUrl = "https://issuer.test/v1/.well-known/openidconfiguration";
    public const string TokenEndpoint = "https://login.test/{tenant}/oauth2/v2.0/token";
    public const string EmulatorMetadataUrl = "https://entra.test/v2.0/.well-known/openid-configuration";
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public int BotTokenRequests;

    public IReadOnlyList<string> Endorsements { get; init; } = ["msteams", "emulator"];

    public static Dictionary<string, string?> Settings => new()
    {
        ["Bot:AppId"] = AppId,
        ["Bot:AppPassword"] = "test-secret-never-logged",
        ["Bot:TenantId"] = "tenant-1",
        ["Bot:OpenIdMetadataUrl"] = MetadataUrl,
        ["Bot:EmulatorOpenIdMetadataUrl"] = EmulatorMetadataUrl,
        ["Bot:TokenEndpoint"] = TokenEndpoint,
        ["Bot:ConnectorRetryDelay"] = "00:00:00.050",
    };

    /// <summary>A token as the Emulator sends it: Entra-issued, naming the calling app in "appid" (v1).</summary>
    public string EmulatorToken(string appId) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = EmulatorIssuer,
            Audience = AppId,
            IssuedAt = new DateTime(2026, 11, 23, 1, 29, 0, DateTimeKind.Utc),
            NotBefore = new DateTime(2026, 11, 23, 1, 29, 0, DateTimeKind.Utc),
            Expires = new DateTime(2026, 11, 23, 2, 30, 0, DateTimeKind.Utc),
            Subject = new ClaimsIdentity([new Claim("appid", appId), new Claim("ver", "1.0")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });

    public string Token(string serviceUrl, string? audience = AppId, string issuer = Issuer, TimeSpan? expiresIn = null, bool signWithOtherKey = false, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero)).UtcDateTime;
        var key = new RsaSecurityKey(signWithOtherKey ? _otherKey : _key) { KeyId = signWithOtherKey ? "other-key" : "test-key" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.AddMinutes(-1),
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + (expiresIn ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Answers the metadata and key requests of the token validator, and the bot's client-credentials requests.</summary>
    public HttpMessageHandler Handler() => new Responder(this);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private string Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA", use = "sig", kid = "test-key", alg = "RS256",
                    n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                    endorsements = Endorsements,
                },
            },
        });
    }

    private sealed class Responder(TestChannelIssuer issuer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            var body = url switch
            {
                MetadataUrl => JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["jwks_uri"] = "https://issuer.test/v1/.well-known/keys",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                "https://issuer.test/v1/.well-known/keys" => issuer.Jwks(),
                EmulatorMetadataUrl => JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = EmulatorIssuer,
                    ["jwks_uri"] = "https://issuer.test/v1/.well-known/keys",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                _ when url.StartsWith("https://login.test/", StringComparison.Ordinal) => BotToken(),
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        private string BotToken()
        {
            var n = Interlocked.Increment(ref issuer.BotTokenRequests);
            return JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = $"bot-token-{n}", ["token_type"] = "Bearer", ["expires_in"] = 3600 });
        }
    }
}
