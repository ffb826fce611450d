using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: where channels deliver activities. 200 for ordinary activities, the invoke response
/// (501 when unhandled) for invokes, the buffered replies for expectReplies; 400 for a body that is not an
/// activity (or one naming no channel or conversation), 401 for a failed channel token, 405 for other methods, 413 for a body over the limit.
/// </summary>
public static partial class BotMessagesEndpoint
{
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AuthenticationEnabled)
        {
            Log.AuthenticationOff(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotMessagesEndpoint)), pattern);
        }

        return endpoints.Map(pattern, (Delegate)HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            return Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", "Activities are delivered with POST.");
        }

        var body = await http.Request.ReadBodyAsync(options.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"An activity may be at most {options.MaxActivityBytes / 1024} KB.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Inbound);
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", $"The body is not a JSON activity (nested at most {BotJson.MaxInboundDepth} levels).");
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The activity has no type.");
        }

        // A turn's state, order and replies are keyed by channel and conversation: an activity without them is no turn.
        if (string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed activity", "The activity names no channel or no conversation.");
        }

        var authentication = await services.GetRequiredService<ChannelTokenValidator>()
            .ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, activity, http.RequestAborted);
        if (!authentication.Succeeded)
        {
            Log.Unauthorized(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotMessagesEndpoint)), LogValue.Of(activity.ChannelId), LogValue.Of(authentication.Failure));
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The channel token is missing or not valid for this bot.");
        }

        if (options.AuthenticationEnabled && activity.ServiceUrl is { } serviceUrl)
        {
            services.GetRequiredService<ServiceUrlTrust>().Verified(serviceUrl);
        }

        // callerId is for the receiver to set; never trust one from the wire.
        activity = activity with { CallerId = null };
        var bot = services.GetRequiredService<IBot>();
        var outcome = await services.GetRequiredService<CloudAdapter>().ProcessActivityAsync(activity, bot.OnTurnAsync, http.RequestAborted);

        if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            return Results.Json(new ExpectedReplies(outcome.ExpectedReplies ?? []), BotJson.Options);
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            return outcome.InvokeResponse is { } invoke
                ? Results.Json(invoke.Body, BotJson.Options, statusCode: invoke.Status)
                : Results.StatusCode(StatusCodes.Status501NotImplemented);
        }

        return Results.Ok();
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Channel authentication is OFF for {Pattern}: no Bot:AppId is configured. Fine for local development and the Emulator; never expose the bot like this.")]
        public static partial void AuthenticationOff(ILogger logger, string pattern);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from channel {ChannelId}: {Failure}")]
        public static partial void Unauthorized(ILogger logger, string? channelId, string? failure);
    }
}
