using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Tests.TestKit;

/// <summary>Counts the messages of a conversation in conversation state and says the count back.</summary>
internal sealed class CountingBot(ConversationState state) : ActivityHandler
{
    private readonly IStatePropertyAccessor<Counter> _counter = state.CreateProperty<Counter>("counter");

    public int TurnsRun;

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref TurnsRun);
        var counter = await _counter.GetAsync(turnContext, () => new Counter(0), cancellationToken);

        // Yield between read and write, so unserialised turns would lose updates.
        await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken);
        var next = counter with { Count = counter.Count + 1 };
        await _counter.SetAsync(turnContext, next, cancellationToken);
        await state.SaveChangesAsync(turnContext, cancellationToken);
        await turnContext.SendActivityAsync($"count {next.Count}", cancellationToken);
    }

    public sealed record Counter(int Count);
}
