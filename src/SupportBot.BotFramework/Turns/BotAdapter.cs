using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>
/// Connects the bot to a transport: runs each turn through the middleware and the bot, and delivers what the
/// bot sends. Subclasses decide how sending works (the Connector REST API, a buffer for expectReplies, a test queue).
/// </summary>
public abstract class BotAdapter(TimeProvider time)
{
    private const string BufferKey = "SupportBot.BotFramework.ExpectedReplies";

    private readonly List<IMiddleware> _middleware = [];
    private readonly ConversationGate _gate = new();
    private readonly RedeliveryCache _redeliveries = new(time, TimeSpan.FromMinutes(2));

    /// <summary>
    /// Called when a turn throws. It should log, tell the user briefly and reset the conversation's dialog
    /// state; after it returns the turn counts as handled.
    /// </summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>
    /// Handles one inbound activity: turns of one conversation run one at a time, and an activity the channel
    /// delivers again is answered with the first delivery's outcome instead of being processed twice.
    /// </summary>
    public Task<TurnOutcome> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        var conversation = $"{activity.ChannelId}|{activity.Conversation?.Id}";
        return activity.Id is { Length: > 0 } id
            ? _redeliveries.GetOrRunAsync($"{conversation}|{id}", () => RunTurnAsync(conversation, activity, callback, cancellationToken))
            : RunTurnAsync(conversation, activity, callback, cancellationToken);
    }

    /// <summary>Sends for a turn; while the caller asked for expectReplies, keeps the activities to return them instead.</summary>
    public Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        if (turnContext.TurnState.TryGetValue(BufferKey, out var buffer))
        {
            ((List<Activity>)buffer).AddRange(activities);
            return Task.FromResult<IReadOnlyList<ResourceResponse>>([.. activities.Select(_ => new ResourceResponse(""))]);
        }

        return SendActivitiesCoreAsync(turnContext, activities, cancellationToken);
    }

    protected abstract Task<IReadOnlyList<ResourceResponse>> SendActivitiesCoreAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn in a stored conversation: how proactive messages are sent. A failure
    /// is thrown to the caller rather than handed to <see cref="OnTurnError"/>: nobody wrote in, so there is nobody to
    /// apologise to, and the conversation's state (a report half written) must not be reset for a failed send.
    /// </summary>
    public virtual async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);

        // A proactive turn waits for a turn the user is having in the same conversation, like any other turn.
        using var turn = await _gate.EnterAsync($"{reference.ChannelId}|{reference.Conversation?.Id}", cancellationToken);
        await RunMiddlewareAsync(new TurnContext(this, reference.ToContinuationActivity()), 0, callback, cancellationToken);
    }

    /// <summary>Prepares what the bot reads: in Teams channels and group chats, the text without the bot's @mention.</summary>
    protected virtual Activity Normalize(Activity activity) =>
        activity.ChannelId == Channels.MsTeams && activity.Conversation?.ConversationType is not (null or "personal")
            ? Mentions.RemoveRecipientMention(activity)
            : activity;

    private async Task<TurnOutcome> RunTurnAsync(string conversation, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        using var turn = await _gate.EnterAsync(conversation, cancellationToken);
        var context = new TurnContext(this, Normalize(activity));
        var buffer = activity.DeliveryMode == DeliveryModes.ExpectReplies ? new List<Activity>() : null;
        if (buffer is not null)
        {
            context.TurnState[BufferKey] = buffer;
        }

        await RunPipelineAsync(context, callback, cancellationToken);
        return new TurnOutcome(InvokeResponses.Get(context), buffer);
    }

    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(callback);
        try
        {
            await RunMiddlewareAsync(turnContext, 0, callback, cancellationToken);
        }
        catch (Exception error) when (OnTurnError is not null && error is not OperationCanceledException)
        {
            await OnTurnError(turnContext, error);
        }
    }

    private Task RunMiddlewareAsync(ITurnContext turnContext, int index, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        index == _middleware.Count
            ? callback(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, ct => RunMiddlewareAsync(turnContext, index + 1, callback, ct), cancellationToken);
}
