using Microsoft.Extensions.Logging;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// The one place a failed turn ends: logged with the activity id, one short apology to the user, and the
/// conversation's state reset so that the next message does not fail on the same broken dialog stack.
/// </summary>
public sealed partial class TurnErrorHandler(ILogger<TurnErrorHandler> logger, ConversationState? conversationState = null)
{
    public async Task HandleAsync(ITurnContext turnContext, Exception error)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        TurnFailed(logger, error, activity.Id, activity.ChannelId, activity.Conversation?.Id);
        try
        {
            var apology = activity.Locale?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true
                ? "抱歉,我这边出了点问题。请再发一次,或输入“帮助”。"
                : "Sorry, something went wrong on my side. Please try again, or type \"help\".";
            await turnContext.SendActivityAsync(apology);
            if (conversationState is not null)
            {
                await conversationState.DeleteAsync(turnContext);
            }
        }
        catch (Exception secondary) when (secondary is HttpRequestException or InvalidOperationException or StorageConflictException)
        {
            // The channel or the store is what failed; the turn is over either way, and the first error is logged.
            RecoveryFailed(logger, secondary, activity.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity {ActivityId} on {ChannelId} in conversation {ConversationId}")]
    private static partial void TurnFailed(ILogger logger, Exception error, string? activityId, string? channelId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apologise or reset state after the failed turn {ActivityId}")]
    private static partial void RecoveryFailed(ILogger logger, Exception error, string? activityId);
}
