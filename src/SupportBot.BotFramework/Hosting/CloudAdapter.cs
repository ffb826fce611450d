using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

/// <summary>The adapter for channels reached through the Bot Connector REST API (Teams, the Emulator).</summary>
public sealed class CloudAdapter(ConnectorClient connector, TimeProvider time) : BotAdapter(time)
{
    protected override async Task<IReadOnlyList<ResourceResponse>> SendActivitiesCoreAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            // Trace activities are for the Emulator's inspector only.
            if (activity.IsType(ActivityTypes.Trace) && activity.ChannelId != Channels.Emulator)
            {
                responses.Add(new ResourceResponse(null));
                continue;
            }

            var (serviceUrl, conversationId) = Address(activity);
            responses.Add(activity.ReplyToId is { Length: > 0 } replyTo
                ? await connector.ReplyToActivityAsync(serviceUrl, conversationId, replyTo, activity, cancellationToken)
                : await connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken));
        }

        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (serviceUrl, conversationId) = Address(activity);
        return connector.UpdateActivityAsync(serviceUrl, conversationId, activity.Id ?? throw new ArgumentException("An update needs the id of the activity to replace.", nameof(activity)), activity, cancellationToken);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return connector.DeleteActivityAsync(
            reference.ServiceUrl ?? throw new ArgumentException("The reference has no service URL.", nameof(reference)),
            reference.Conversation?.Id ?? throw new ArgumentException("The reference has no conversation.", nameof(reference)),
            reference.ActivityId ?? throw new ArgumentException("The reference names no activity.", nameof(reference)),
            cancellationToken);
    }

    private static (string ServiceUrl, string ConversationId) Address(Activity activity) =>
        (activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no service URL to send to."),
         activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation to send to."));
}
