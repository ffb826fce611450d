using System.Collections.Concurrent;
using System.Globalization;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Testing;

/// <summary>
/// An in-memory channel for scripted conversations: activities go to the bot through the same turn processing
/// as real traffic, and whatever the bot sends, updates or deletes is recorded here.
/// </summary>
public sealed class TestAdapter(TimeProvider? time = null, string channelId = Channels.Test) : BotAdapter(time ?? TimeProvider.System)
{
    private int _nextId;

    public ConcurrentQueue<Activity> Replies { get; } = new();
    public ConcurrentQueue<Activity> Updates { get; } = new();
    public ConcurrentQueue<string> Deletes { get; } = new();

    public ConversationAccount Conversation { get; init; } = new() { Id = "conversation-1", ConversationType = "personal" };
    public ChannelAccount User { get; init; } = new() { Id = "user-1", Name = "User" };
    public ChannelAccount Bot { get; init; } = new() { Id = "bot", Name = "Bot" };

    /// <summary>An activity from the user in this adapter's conversation, with a fresh id unless one is given.</summary>
    public Activity MakeActivity(string type = ActivityTypes.Message, string? text = null) => new()
    {
        Type = type,
        Id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture),
        ChannelId = channelId,
        ServiceUrl = "https://test.invalid/",
        Conversation = Conversation,
        From = User,
        Recipient = Bot,
        Text = text,
        Locale = "en-US",
    };

    public Task<TurnOutcome> SendTextToBotAsync(string text, BotCallbackHandler bot, CancellationToken cancellationToken = default) =>
        ProcessActivityAsync(MakeActivity(text: text), bot, cancellationToken);

    public bool TryGetNextReply(out Activity reply) => Replies.TryDequeue(out reply!);

    protected override Task<IReadOnlyList<ResourceResponse>> SendActivitiesCoreAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            var id = $"sent-{Interlocked.Increment(ref _nextId)}";
            Replies.Enqueue(activity with { Id = id });
            responses.Add(new ResourceResponse(id));
        }

        return Task.FromResult<IReadOnlyList<ResourceResponse>>(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Updates.Enqueue(activity);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Deletes.Enqueue(reference.ActivityId ?? "");
        return Task.CompletedTask;
    }
}
