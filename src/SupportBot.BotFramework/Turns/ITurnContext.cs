using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>One turn: the inbound activity and the ways to answer it.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }
    Activity Activity { get; }

    /// <summary>Per-turn services and caches (loaded state, the invoke response …), keyed by their type's full name.</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>True once anything was sent in this turn.</summary>
    bool Responded { get; }

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Replaces a message the bot sent earlier (used to refresh cards); <c>activity.Id</c> names it.</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a handler that every later send of this turn passes through, in the order added: it may change, hold
    /// back or pass on the activities (<c>next</c> sends them). How an app defers replies until its state commits.
    /// </summary>
    void OnSendActivities(SendActivitiesHandler handler);
}

/// <summary>Sees a turn's outgoing activities before they are sent; <paramref name="next"/> sends them on.</summary>
public delegate Task<IReadOnlyList<ResourceResponse>> SendActivitiesHandler(ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<IReadOnlyList<ResourceResponse>>> next);

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

/// <summary>The bot: whatever handles a turn once the adapter and middleware have prepared it.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
