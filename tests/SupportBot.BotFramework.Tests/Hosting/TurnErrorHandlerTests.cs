using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Testing;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Tests.Hosting;

public sealed class TurnErrorHandlerTests
{
    [Fact]
    public async Task HandleAsync_TurnChangedStateThenThrew_TheSavedStateStaysAndTheChangeIsDropped()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var step = state.CreateProperty<Step>("step");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        adapter.OnTurnError = new TurnErrorHandler(NullLogger<TurnErrorHandler>.Instance, [state], new Apology()).HandleAsync;

        await adapter.SendTextToBotAsync("first", async (turn, ct) => await step.SetAsync(turn, new Step(1), ct));
        await adapter.SendTextToBotAsync("boom", async (turn, ct) =>
        {
            await step.SetAsync(turn, new Step(99), ct);
            throw new InvalidOperationException("the turn failed half-way");
        });
        Step? after = null;
        await adapter.SendTextToBotAsync("next", async (turn, ct) => after = await step.GetAsync(turn, () => new Step(0), ct));

        Assert.Equal(new Step(1), after);
        Assert.Equal(["sorry"], adapter.Replies.Select(reply => reply.Text));
    }

    [Fact]
    public async Task HandleAsync_NoReplyRegistered_LogsAndSendsNothing()
    {
        var adapter = new TestAdapter();
        adapter.OnTurnError = new TurnErrorHandler(NullLogger<TurnErrorHandler>.Instance, []).HandleAsync;

        await adapter.SendTextToBotAsync("boom", (_, _) => throw new InvalidOperationException("failed"));

        Assert.Empty(adapter.Replies);
    }

    private sealed record Step(int Number);

    private sealed class Apology : ITurnErrorReply
    {
        public Activity For(ITurnContext turnContext) => new() { Type = ActivityTypes.Message, Text = "sorry" };
    }
}
