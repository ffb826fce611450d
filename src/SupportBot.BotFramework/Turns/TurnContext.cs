using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>The adapter's <see cref="ITurnContext"/>: addresses outgoing activities to the inbound conversation.</summary>
public sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext
{
    private int _sent;
    private Activity? _replyTemplate;
    private readonly List<SendActivitiesHandler> _onSend = [];

    public BotAdapter Adapter { get; } = adapter;
    public Activity Activity { get; } = activity;
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();
    public bool Responded => Volatile.Read(ref _sent) > 0;

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        (await SendActivitiesAsync([activity], cancellationToken))[0];

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var addressed = activities.Select(Address).ToList();
        var responses = await SendThroughAsync(0, addressed, cancellationToken);

        // Typing indicators are not an answer: a turn that only typed still has not responded.
        if (addressed.Any(a => !a.IsType(ActivityTypes.Typing) && !a.IsType(ActivityTypes.InvokeResponse)))
        {
            Interlocked.Increment(ref _sent);
        }

        return responses;
    }

    public void OnSendActivities(SendActivitiesHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _onSend.Add(handler);
    }

    private Task<IReadOnlyList<ResourceResponse>> SendThroughAsync(int index, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
        index == _onSend.Count
            ? Adapter.SendActivitiesAsync(this, activities, cancellationToken)
            : _onSend[index](this, activities, () => SendThroughAsync(index + 1, activities, cancellationToken));

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Adapter.UpdateActivityAsync(this, Address(activity) with { Id = activity.Id }, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        Adapter.DeleteActivityAsync(this, Activity.GetConversationReference() with { ActivityId = activityId }, cancellationToken);

    /// <summary>Fills in what an outgoing activity must say about where it goes, as the protocol's reply rules describe.</summary>
    private Activity Address(Activity outgoing)
    {
        var reply = _replyTemplate ??= Activity.CreateReply();
        return outgoing with
        {
            Type = outgoing.Type ?? ActivityTypes.Message,
            Id = null,
            From = outgoing.From ?? reply.From,
            Recipient = outgoing.Recipient ?? reply.Recipient,
            Conversation = outgoing.Conversation ?? reply.Conversation,
            ServiceUrl = reply.ServiceUrl,
            ChannelId = reply.ChannelId,
            ReplyToId = outgoing.ReplyToId ?? reply.ReplyToId,
            Locale = outgoing.Locale ?? reply.Locale,
        };
    }
}
