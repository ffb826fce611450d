using System.Net.Http.Headers;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Connector;

public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public System.Text.Json.JsonElement? ChannelData { get; init; }
}

public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>
/// The Bot Connector REST API (v3) of one channel, addressed by each conversation's service URL. Retries on 429
/// (honouring Retry-After) and 5xx come from the resilience handler configured with the HttpClient.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory httpClients, IBotTokenProvider tokens, ServiceUrlTrust trust)
{
    public const string HttpClientName = "SupportBot.BotFramework.Connector";

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken)
        ?? new ResourceResponse(null);

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken)
        ?? new ResourceResponse(null);

    /// <summary>Replaces a message the bot sent (how a card is refreshed in place).</summary>
    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        await SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken)
        ?? new ResourceResponse(activityId);

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);

    /// <summary>Starts a conversation, e.g. a Teams 1:1 chat with a user (bot, member and tenant given) for proactive messages.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        await SendAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken)
        ?? throw new HttpRequestException("Create conversation answered without the new conversation's id.");

    /// <summary>Sends one request; the parsed body, or null when the channel answered without one (202, DELETE).</summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path));
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            if (!trust.IsTrusted(serviceUrl))
            {
                throw new InvalidOperationException($"Refusing to send the bot token to untrusted service URL '{serviceUrl}'.");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            // Bytes, not a lazily serialising JsonContent: a retried request must carry the same body again.
            request.Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} failed with {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : System.Text.Json.JsonSerializer.Deserialize<T>(text, BotJson.Options);
    }

    // Teams conversation ids contain ':', ';', '@' and '=': escape them as one path segment.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
