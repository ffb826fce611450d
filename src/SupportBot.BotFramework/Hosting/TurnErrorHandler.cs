using Microsoft.Extensions.Logging;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

/// <summary>What the user is told when their turn failed; the app words it, in the user's language.</summary>
public interface ITurnErrorReply
{
    Activity For(ITurnContext turnContext);
}

/// <summary>
/// The one place a failed turn ends: logged with the activity id, the turn rolled back and one short apology.
/// Rolled back means the turn's state changes are dropped unsaved, so the conversation stays as it was before
/// the message (a half-filled report survives) and the next message continues it. Nothing is deleted.
/// </summary>
public sealed partial class TurnErrorHandler(ILogger<TurnErrorHandler> logger, IEnumerable<BotState> states, ITurnErrorReply? reply = null)
{
    private readonly BotState[] _states = [.. states];

    public async Task HandleAsync(ITurnContext turnContext, Exception error)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        TurnFailed(logger, error, LogValue.Of(activity.Id), LogValue.Of(activity.ChannelId), LogValue.Of(activity.Conversation?.Id));
        foreach (var state in _states)
        {
            state.Discard(turnContext);
        }

        if (reply is null)
        {
            return;
        }

        try
        {
            await turnContext.SendActivityAsync(reply.For(turnContext));
        }
        catch (Exception secondary) when (secondary is HttpRequestException or InvalidOperationException)
        {
            // The channel is what failed; the turn is over either way, and the first error is logged.
            RecoveryFailed(logger, secondary, LogValue.Of(activity.Id));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity {ActivityId} on {ChannelId} in conversation {ConversationId}; its state changes were dropped")]
    private static partial void TurnFailed(ILogger logger, Exception error, string? activityId, string? channelId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apologise after the failed turn {ActivityId}")]
    private static partial void RecoveryFailed(ILogger logger, Exception error, string? activityId);
}
