using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Where the bot's replies and proactive messages for Direct Line conversations go: into the conversation's
/// transcript, from which the widget's stream or poll picks them up.
/// </summary>
public sealed class DirectLineChannel(DirectLineConversations conversations) : IHostedChannel
{
    /// <summary>
    /// The service URL stamped on every inbound Direct Line activity. Not a network address on purpose: a
    /// conversation reference carrying it can only ever be answered in this process, never sent to a remote host.
    /// </summary>
    public const string ServiceUrl = "urn:supportbot:directline";

    public bool Hosts(string? serviceUrl) => string.Equals(serviceUrl, ServiceUrl, StringComparison.Ordinal);

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = await FindAsync(activity, cancellationToken);
        var outgoing = ForClient(activity);
        if (activity.IsType(ActivityTypes.Typing))
        {
            conversation.PushLive(outgoing with { Timestamp = null });
            return new ResourceResponse(null);
        }

        var stamped = await conversations.AppendAsync(conversation, outgoing, cancellationToken);
        return new ResourceResponse(stamped.Id);
    }

    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = await FindAsync(activity, cancellationToken);
        return await conversations.ReplaceAsync(conversation, ForClient(activity), cancellationToken)
            ? new ResourceResponse(activity.Id)
            : throw new InvalidOperationException($"Activity {activity.Id} is not in Direct Line conversation {conversation.Id}.");
    }

    /// <summary>A deleted activity is replaced by an empty message with the same id: the transcript's numbering must not change.</summary>
    public async Task DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.FindAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException($"Direct Line conversation {conversationId} has ended.");
        await conversations.ReplaceAsync(conversation, new Activity { Type = ActivityTypes.Message, Id = activityId, Conversation = new ConversationAccount { Id = conversationId } }, cancellationToken);
    }

    private async Task<DirectLineConversation> FindAsync(Activity activity, CancellationToken cancellationToken)
    {
        var id = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation to send to.");
        return await conversations.FindAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Direct Line conversation {id} has ended.");
    }

    /// <summary>What the widget gets: the bot as sender with its role (Web Chat aligns bubbles by it), and no internal service URL.</summary>
    private static Activity ForClient(Activity activity) => activity with
    {
        ServiceUrl = null,
        From = (activity.From ?? new ChannelAccount()) with { Role = "bot" },
    };
}
