using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Optional body of generate and start: who the user is. Other fields the service defines are accepted and ignored.</summary>
public sealed record TokenParameters(TokenUser? User, string? Locale);

public sealed record TokenUser(string? Id, string? Name);

/// <summary>
/// The Direct Line 3.0 REST surface under <c>/v3/directline</c>, as DirectLineJS 0.15.5 (inside Web Chat 4.18)
/// calls it. Errors are <c>{"error":{"code","message"}}</c>: 400 bad input, 401 no or expired credential,
/// 403 another conversation's token, 404 unknown or ended conversation, 413 too large, 429 over a limit.
/// </summary>
public static class DirectLineEndpoints
{
    public const string CorsPolicy = "DirectLine";
    public const string Prefix = "/v3/directline";

    /// <summary>The rate-limiting policy on starting conversations; the app must <c>UseRateLimiter()</c>.</summary>
    public const string StartLimitPolicy = "SupportBot.DirectLine.Start";
    private const int MaxParametersBytes = 4 * 1024;

    /// <summary>Maps the endpoints. The app must also <c>UseCors()</c>, <c>UseRateLimiter()</c> and <c>UseWebSockets()</c>.</summary>
    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).RequireCors(CorsPolicy);
        group.MapPost("/tokens/generate", GenerateAsync);
        group.MapPost("/tokens/refresh", RefreshAsync);
        group.MapPost("/conversations", StartAsync).RequireRateLimiting(StartLimitPolicy);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", DirectLineActivities.GetAsync);
        group.MapPost("/conversations/{conversationId}/activities", DirectLineActivities.PostAsync);
        group.MapPost("/conversations/{conversationId}/upload", DirectLineUploads.UploadAsync);
        group.MapGet("/conversations/{conversationId}/files/{fileId}", DirectLineUploads.DownloadAsync);
        group.Map("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        return group;
    }

    private static async Task<IResult> GenerateAsync(HttpContext http, DirectLineServer server)
    {
        var caller = await DirectLineCaller.OfAsync(http);
        if (!caller.HoldsSecret)
        {
            return DirectLineResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Generating a token needs the Direct Line secret.");
        }

        var (parameters, refusal) = await ReadTokenParametersAsync(http);
        return refusal ?? DirectLineResults.Json(server.Generate(parameters?.User?.Id, parameters?.User?.Name));
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, DirectLineTokens tokens)
    {
        var caller = await DirectLineCaller.OfAsync(http);
        if (caller.Identity is not { ConversationId: { } conversationId } identity)
        {
            return DirectLineResults.Unauthorized(caller.Check);
        }

        return DirectLineResults.Json(new DirectLineConversationResponse(conversationId, tokens.Issue(identity.UserId, identity.UserName, conversationId), (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>201 with a new conversation, 200 when the token's conversation already exists; always with a token and a stream URL.</summary>
    private static async Task<IResult> StartAsync(HttpContext http, DirectLineServer server, DirectLineTokens tokens)
    {
        var caller = await DirectLineCaller.OfAsync(http);
        if (!caller.Authenticated)
        {
            return DirectLineResults.Unauthorized(caller.Check);
        }

        var (parameters, refusal) = await ReadTokenParametersAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }

        // A token names its conversation; the secret starts a new one for the user the body names.
        var (conversationId, userId, userName) = caller.Identity is { } identity
            ? new NewConversation(identity.ConversationId ?? DirectLineServer.Plan(null, null).ConversationId, identity.UserId, identity.UserName)
            : DirectLineServer.Plan(parameters?.User?.Id, parameters?.User?.Name);

        var (conversation, created) = await server.StartAsync(conversationId, userId, userName, parameters?.Locale, http.RequestAborted);
        if (conversation.UserId != userId)
        {
            return DirectLineResults.Forbidden();
        }

        var response = new DirectLineConversationResponse(
            conversation.Id,
            tokens.Issue(conversation.UserId, conversation.UserName, conversation.Id),
            (int)tokens.Lifetime.TotalSeconds,
            StreamUrl(http, tokens, conversation, watermark: null));
        return DirectLineResults.Json(response, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>What DirectLineJS calls after a dropped socket: the same conversation, a fresh stream URL that replays from the watermark.</summary>
    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, TimeProvider time)
    {
        var caller = await DirectLineCaller.OfAsync(http);
        var (conversation, refusal) = await caller.AuthorizeAsync(http, conversationId);
        if (conversation is null)
        {
            return refusal!;
        }

        if (!DirectLineActivities.TryReadWatermark(watermark, out var from))
        {
            return DirectLineResults.BadArgument("The watermark is not one this server gave out.");
        }

        var (token, expires) = caller.Identity is { } identity
            ? (DirectLineTokens.Bearer(http.Request.Headers.Authorization.ToString())!, identity.ExpiresAt)
            : (tokens.Issue(conversation.UserId, conversation.UserName, conversation.Id), time.GetUtcNow() + tokens.Lifetime);
        return DirectLineResults.Json(new DirectLineConversationResponse(
            conversation.Id, token, (int)Math.Max(0, (expires - time.GetUtcNow()).TotalSeconds), StreamUrl(http, tokens, conversation, from)));
    }

    private static string StreamUrl(HttpContext http, DirectLineTokens tokens, DirectLineConversation conversation, int? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var ticket = Uri.EscapeDataString(tokens.IssueStreamTicket(conversation.UserId, conversation.Id));
        var from = watermark is { } w ? $"&watermark={w}" : "";
        return $"{scheme}://{http.Request.Host}{http.Request.PathBase}{Prefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?t={ticket}{from}";
    }

    /// <summary>The optional TokenParameters body; an empty body is fine, a malformed one is a 400, a large one 413.</summary>
    public static Task<(TokenParameters? Parameters, IResult? Refusal)> ReadTokenParametersAsync(HttpContext http) => ReadTokenParametersAsync<TokenParameters>(http);

    /// <summary>The same, read as the caller's own shape of token parameters (a page that sends more than Direct Line's).</summary>
    public static async Task<(T? Parameters, IResult? Refusal)> ReadTokenParametersAsync<T>(HttpContext http)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await http.Request.ReadBodyAsync(MaxParametersBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The token parameters are too large."));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(body, BotJson.Inbound), null);
        }
        catch (JsonException)
        {
            return (null, DirectLineResults.BadArgument("The body is not JSON token parameters ({\"user\":{\"id\",\"name\"}})."));
        }
    }
}
