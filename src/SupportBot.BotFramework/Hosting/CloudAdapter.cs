using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// The adapter for every channel: those reached through the Bot Connector REST API (Teams, the Emulator) and
/// those hosted in this process (<see cref="IHostedChannel"/>: Direct Line), told apart by the service URL.
/// </summary>
public sealed class CloudAdapter(ConnectorClient connector, TimeProvider time, IEnumerable<IHostedChannel>? hostedChannels = null) : BotAdapter(time)
{
    private readonly IHostedChannel[] _hosted = hostedChannels?.ToArray() ?? [];

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

            if (HostOf(activity.ServiceUrl) is { } hosted)
            {
                responses.Add(await hosted.SendAsync(activity, cancellationToken));
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
        if (HostOf(activity.ServiceUrl) is { } hosted)
        {
            return hosted.UpdateAsync(activity, cancellationToken);
        }

        var (serviceUrl, conversationId) = Address(activity);
        return connector.UpdateActivityAsync(serviceUrl, conversationId, activity.Id ?? throw new ArgumentException("An update needs the id of the activity to replace.", nameof(activity)), activity, cancellationToken);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (HostOf(reference.ServiceUrl) is { } hosted)
        {
            return hosted.DeleteAsync(
                reference.Conversation?.Id ?? throw new ArgumentException("The reference has no conversation.", nameof(reference)),
                reference.ActivityId ?? throw new ArgumentException("The reference names no activity.", nameof(reference)),
                cancellationToken);
        }

        return connector.DeleteActivityAsync(
            reference.ServiceUrl ?? throw new ArgumentException("The reference has no service URL.", nameof(reference)),
            reference.Conversation?.Id ?? throw new ArgumentException("The reference has no conversation.", nameof(reference)),
            reference.ActivityId ?? throw new ArgumentException("The reference names no activity.", nameof(reference)),
            cancellationToken);
    }

    private IHostedChannel? HostOf(string? serviceUrl) => Array.Find(_hosted, channel => channel.Hosts(serviceUrl));

    private static (string ServiceUrl, string ConversationId) Address(Activity activity) =>
        (activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no service URL to send to."),
         activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation to send to."));
}
