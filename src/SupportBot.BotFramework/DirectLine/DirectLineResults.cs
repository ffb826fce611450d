using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>What start, reconnect, generate and refresh answer; <c>expires_in</c> is in seconds, spelled as the service spells it.</summary>
public sealed record DirectLineConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);

/// <summary>A batch of activities and the watermark to ask from next time.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>The service's error shape, <c>{"error":{"code","message"}}</c>, which DirectLineJS and back ends read.</summary>
public static class DirectLineResults
{
    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, BotJson.Options, statusCode: status);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(new ErrorBody(code, message)), BotJson.Options, statusCode: status);

    public static IResult Unauthorized(TokenCheck check) => check == TokenCheck.Expired
        ? Error(StatusCodes.Status401Unauthorized, "TokenExpired", "The token has expired; ask the page for a new one.")
        : Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid Direct Line token or secret is required.");

    public static IResult Forbidden() =>
        Error(StatusCodes.Status403Forbidden, "Forbidden", "This token is for another conversation or user.");

    public static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist or has ended.");

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string message)
    {
        ArgumentNullException.ThrowIfNull(http);

        // Seconds, as HTTP defines Retry-After. (DirectLineJS reads it as milliseconds and so barely waits; a
        // message it posts over the limit shows as failed with a retry link, which is the honest outcome.)
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", message);
    }

    private sealed record ErrorResponse(ErrorBody Error);

    private sealed record ErrorBody(string Code, string Message);
}
