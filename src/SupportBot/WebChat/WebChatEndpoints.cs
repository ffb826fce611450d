using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Common;

namespace SupportBot.WebChat;

/// <summary>What the customer's browser asks SupportBot for besides Direct Line: the page's look, and a token.</summary>
internal static class WebChatEndpoints
{
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebChatOptions, WebChatOptionsValidator>(WebChatOptions.SectionName);
        services.AddDirectLine();
        services.AddSingleton<IConversationRetention, OpenTicketRetention>();
        return services;
    }

    /// <summary><c>/</c> and <c>/chat</c> are the page (wwwroot/index.html); the widget bundle is under <c>/lib</c>.</summary>
    public static WebApplication MapWebChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/chat", () => Results.Redirect("/"));
        app.MapGet("/api/webchat/config", GetConfig);
        app.MapPost("/api/webchat/token", IssueTokenAsync).RequireCors(DirectLineEndpoints.CorsPolicy);
        app.MapDirectLine();
        return app;
    }

    /// <summary>
    /// The page runs only this server's scripts and talks only to this server. Inline styles stay allowed: the
    /// widget writes its CSS at run time. Other static files just get nosniff.
    /// </summary>
    public static void SecurePage(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
            headers["Referrer-Policy"] = "same-origin";

            // No other site may frame the page (clickjacking); browsers without CSP 3 read the older header.
            headers.XFrameOptions = "SAMEORIGIN";
        }
    }

    private static IResult GetConfig(IOptions<WebChatOptions> options)
    {
        var page = options.Value;
        return Results.Json(new WebChatConfig(page.Titles, page.AccentColor, page.BotAvatarInitials, page.UserAvatarInitials, page.DefaultLocale, WebChatOptionsValidator.Locales));
    }

    /// <summary>
    /// A token for a conversation. A site's back end proves itself with the Direct Line secret and may name the user
    /// (who then finds their tickets from any conversation); the built-in page proves only that it is this server's
    /// own page (same origin), so its visitor is anonymous: a generated id, and a visitor pass (that id signed by this
    /// server) the page keeps in the browser. Shown again, the pass gives the same visitor, and their last conversation
    /// when it still exists; a user id the page names itself is ignored.
    /// </summary>
    private static async Task<IResult> IssueTokenAsync(HttpContext http, DirectLineServer server, DirectLineTokens tokens, IOptions<DirectLineOptions> directLine)
    {
        var fromBackEnd = DirectLineTokens.IsSecret(DirectLineTokens.Bearer(http.Request.Headers.Authorization.ToString()), directLine.Value.Secret);
        if (!fromBackEnd && !IsSameOrigin(http.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this site's page",
                detail: "Only the built-in chat page, or a back end holding the Direct Line secret, may ask for a web chat token.");
        }

        // The same body as Direct Line's own token parameters, read with the same size limit, plus the page's pass.
        var (request, refusal) = await DirectLineEndpoints.ReadTokenParametersAsync<PageTokenRequest>(http);
        if (refusal is not null)
        {
            return refusal;
        }

        if (fromBackEnd)
        {
            return DirectLineResults.Json(server.Generate(request?.User?.Id, request?.User?.Name));
        }

        if (tokens.VisitorOf(request?.Visitor) is { } returning)
        {
            var token = request?.ConversationId is { Length: > 0 } last ? await server.ContinueAsync(last, returning, http.RequestAborted) : null;
            return DirectLineResults.Json(PageToken.Of(token ?? server.GenerateForVisitor(returning, request?.User?.Name), request!.Visitor!, resumed: token is not null));
        }

        var visitor = DirectLineServer.Plan(null, null).UserId;
        return DirectLineResults.Json(PageToken.Of(server.GenerateForVisitor(visitor, request?.User?.Name), tokens.IssueVisitorPass(visitor), resumed: false));
    }

    /// <summary>
    /// The browser says where the request comes from, and a page cannot forge that: Sec-Fetch-Site, or failing that an
    /// Origin equal to this server's own.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return site == "same-origin";
        }

        return request.Headers.Origin.ToString() is { Length: > 0 } origin &&
            string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What the built-in page sends: Direct Line's token parameters, its visitor pass and its last conversation.</summary>
    private sealed record PageTokenRequest(TokenUser? User, string? Visitor, string? ConversationId);

    /// <summary>A Direct Line token answer with the visitor pass to keep, and whether it continues an existing conversation.</summary>
    private sealed record PageToken(
        string ConversationId,
        string Token,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        string Visitor,
        bool Resumed)
    {
        public static PageToken Of(DirectLineConversationResponse token, string visitor, bool resumed) =>
            new(token.ConversationId, token.Token, token.ExpiresIn, visitor, resumed);
    }

    private sealed record WebChatConfig(IReadOnlyDictionary<string, string> Titles, string AccentColor, string BotAvatarInitials, string UserAvatarInitials, string DefaultLocale, IReadOnlyList<string> Locales);
}
