using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Who is calling a Direct Line endpoint: a site's back end with the secret (any conversation), or a widget with a
/// token (its own conversation only). A stream ticket is not a caller: it opens the WebSocket and nothing else.
/// </summary>
internal sealed record DirectLineCaller(TokenCheck Check, DirectLineIdentity? Identity, bool HoldsSecret)
{
    public bool Authenticated => HoldsSecret || Identity is not null;

    public static async Task<DirectLineCaller> OfAsync(HttpContext http)
    {
        var bearer = DirectLineTokens.Bearer(http.Request.Headers.Authorization.ToString());
        var options = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        if (DirectLineTokens.IsSecret(bearer, options.Secret))
        {
            return new DirectLineCaller(TokenCheck.Valid, null, HoldsSecret: true);
        }

        var (check, identity) = await http.RequestServices.GetRequiredService<DirectLineTokens>().ValidateAsync(bearer);
        return identity is { StreamOnly: true }
            ? new DirectLineCaller(TokenCheck.Invalid, null, HoldsSecret: false)
            : new DirectLineCaller(check, identity, HoldsSecret: false);
    }

    /// <summary>The conversation when this caller may use it; otherwise the answer to give (401, 403 or 404).</summary>
    public async Task<(DirectLineConversation? Conversation, IResult? Refusal)> AuthorizeAsync(HttpContext http, string conversationId)
    {
        if (!Authenticated)
        {
            return (null, DirectLineResults.Unauthorized(Check));
        }

        if (Identity is { } identity && identity.ConversationId != conversationId)
        {
            return (null, DirectLineResults.Forbidden());
        }

        var conversation = await http.RequestServices.GetRequiredService<DirectLineConversations>().FindAsync(conversationId, http.RequestAborted);
        if (conversation is null)
        {
            return (null, DirectLineResults.NotFound());
        }

        if (Identity is { } owner && owner.UserId != conversation.UserId)
        {
            return (null, DirectLineResults.Forbidden());
        }

        conversation.Touch(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        return (conversation, null);
    }
}
