using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Posting an activity, and polling for activities after a watermark (the widget's mode with <c>webSocket: false</c>).</summary>
internal static class DirectLineActivities
{
    /// <summary>What a client may send. conversationUpdate and the like describe the conversation: only the server says those.</summary>
    private static readonly HashSet<string> ClientTypes = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];

    public static async Task<IResult> GetAsync(HttpContext http, string conversationId, string? watermark)
    {
        var (conversation, refusal) = await (await DirectLineCaller.OfAsync(http)).AuthorizeAsync(http, conversationId);
        if (conversation is null)
        {
            return refusal!;
        }

        if (!TryReadWatermark(watermark, out var from))
        {
            return DirectLineResults.BadArgument("The watermark is not one this server gave out.");
        }

        var conversations = http.RequestServices.GetRequiredService<DirectLineConversations>();
        var (activities, next) = await conversations.ReadAsync(conversation, from, http.RequestAborted);
        return DirectLineResults.Json(new ActivitySet(activities, next.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>200 with the id of the echoed activity, once the bot's turn has run.</summary>
    public static async Task<IResult> PostAsync(HttpContext http, string conversationId, DirectLineServer server, MinuteLimiter limiter, IOptions<DirectLineOptions> options)
    {
        var (conversation, refusal) = await (await DirectLineCaller.OfAsync(http)).AuthorizeAsync(http, conversationId);
        if (conversation is null)
        {
            return refusal!;
        }

        if (OverMessageLimit(http, conversation, limiter, options.Value) is { } limited)
        {
            return limited;
        }

        var body = await http.Request.ReadBodyAsync(options.Value.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"An activity may be at most {options.Value.MaxActivityBytes / 1024} KB.");
        }

        var (activity, problem) = Parse(body);
        if (activity is null)
        {
            return DirectLineResults.BadArgument(problem!);
        }

        var echoed = await server.PostAsync(conversation, activity, http.RequestAborted);
        return DirectLineResults.Json(new ResourceResponse(echoed.Id));
    }

    /// <summary>429 when the conversation has used up its messages for this minute; posts and uploads count alike.</summary>
    public static IResult? OverMessageLimit(HttpContext http, DirectLineConversation conversation, MinuteLimiter limiter, DirectLineOptions options) =>
        limiter.TryAcquire($"post|{conversation.Id}", options.MessagesPerMinutePerConversation) is { } wait
            ? DirectLineResults.TooManyRequests(http, wait, "Too many messages in this conversation; wait a moment and send again.")
            : null;

    /// <summary>The activity, or why it is not one a client may post.</summary>
    public static (Activity? Activity, string? Problem) Parse(ReadOnlySpan<byte> body)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Inbound);
        }
        catch (JsonException)
        {
            return (null, $"The body is not a JSON activity (nested at most {BotJson.MaxInboundDepth} levels).");
        }

        if (activity?.Type is not { } type)
        {
            return (null, "The activity has no type.");
        }

        return ClientTypes.Contains(type)
            ? (activity, null)
            : (null, $"A client may post message, event or typing activities, not '{type}'.");
    }

    /// <summary>Empty or absent means from the start; anything but a whole number is a mistake worth saying.</summary>
    public static bool TryReadWatermark(string? watermark, out int? from)
    {
        from = null;
        if (string.IsNullOrEmpty(watermark))
        {
            return true;
        }

        from = DirectLineConversation.ParseWatermark(watermark);
        return from is not null;
    }
}
