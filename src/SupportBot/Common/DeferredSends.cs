using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.Common;

/// <summary>
/// Holds a turn's replies until its transaction has committed, then sends them in order: nobody is told "ticket
/// TS-… is filed" about a ticket a failed commit took back. Typing indicators go out at once.
/// </summary>
internal sealed class DeferredSends
{
    private const string Key = "SupportBot.DeferredSends";

    private readonly List<Held> _held = [];
    private bool _open = true;

    /// <summary>Starts holding <paramref name="turn"/>'s sends.</summary>
    public static DeferredSends Begin(ITurnContext turn)
    {
        var sends = new DeferredSends();
        turn.TurnState[Key] = sends;
        turn.OnSendActivities(sends.Handle);
        return sends;
    }

    /// <summary>
    /// Calls <paramref name="withId"/> with the channel's id of the message just sent: now when it went out, or once
    /// it does when the turn holds its replies (the id is what lets a card be refreshed later).
    /// </summary>
    public static void WhenSent(ITurnContext turn, ResourceResponse sent, Action<string> withId)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(sent);
        if (!string.IsNullOrEmpty(sent.Id))
        {
            withId(sent.Id);
        }
        else if (turn.TurnState.TryGetValue(Key, out var value) && value is DeferredSends { _open: true, _held.Count: > 0 } sends)
        {
            sends._held[^1].Then.Add(responses => { if (responses[^1].Id is { Length: > 0 } id) { withId(id); } });
        }
    }

    /// <summary>Sends what was held, in order; later sends of the turn go straight out.</summary>
    public async Task ReleaseAsync()
    {
        _open = false;
        foreach (var held in _held)
        {
            var responses = await held.Send();
            held.Then.ForEach(then => then(responses));
        }

        _held.Clear();
    }

    /// <summary>Drops what was held (the turn rolled back); later sends (the apology) go straight out.</summary>
    public void Discard()
    {
        _open = false;
        _held.Clear();
    }

    private Task<IReadOnlyList<ResourceResponse>> Handle(ITurnContext turn, IReadOnlyList<Activity> activities, Func<Task<IReadOnlyList<ResourceResponse>>> next)
    {
        if (!_open || activities.All(activity => activity.IsType(ActivityTypes.Typing)))
        {
            return next();
        }

        _held.Add(new Held(next, []));
        return Task.FromResult<IReadOnlyList<ResourceResponse>>([.. activities.Select(_ => new ResourceResponse(""))]);
    }

    private sealed record Held(Func<Task<IReadOnlyList<ResourceResponse>>> Send, List<Action<IReadOnlyList<ResourceResponse>>> Then);
}
