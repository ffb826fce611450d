using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;

namespace SupportBot.BotFramework.Connector;

/// <summary>The bot's own access token for Connector calls; null when authentication is off.</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client credentials against Entra ID (single-tenant by default), cached until five minutes before expiry;
/// concurrent callers share one request.
/// </summary>
public sealed class EntraBotTokenProvider(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time) : IBotTokenProvider, IDisposable
{
    public const string HttpClientName = "SupportBot.BotFramework.Token";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset ValidUntil)? _cached;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AuthenticationEnabled)
        {
            return null;
        }

        if (_cached is { } fresh && time.GetUtcNow() < fresh.ValidUntil)
        {
            return fresh.Token;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } refreshed && time.GetUtcNow() < refreshed.ValidUntil)
            {
                return refreshed.Token;
            }

            var tenant = settings.AppType == BotAppType.SingleTenant ? settings.TenantId : "botframework.com";
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = settings.TokenScope,
            });
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(new Uri(settings.TokenEndpoint.Replace("{tenant}", tenant, StringComparison.Ordinal)), form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo request details; the status is enough to diagnose and leaks nothing.
                throw new HttpRequestException($"The token endpoint refused the bot's credentials ({(int)response.StatusCode}).", null, response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new HttpRequestException("The token endpoint answered without a token.");
            _cached = (token.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(token.ExpiresIn) - RefreshMargin);
            return token.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
