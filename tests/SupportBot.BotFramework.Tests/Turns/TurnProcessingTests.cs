using Microsoft.Extensions.Time.Testing;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Testing;
using SupportBot.BotFramework.Tests.TestKit;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Tests.Turns;

public sealed class TurnProcessingTests
{
    [Fact]
    public async Task ProcessActivity_FiftySimultaneousTurnsInOneConversation_LoseNoUpdate()
    {
        var storage = new MemoryStorage();
        var bot = new CountingBot(new ConversationState(storage));
        var adapter = new TestAdapter();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => adapter.SendTextToBotAsync("+1", bot.OnTurnAsync))));

        var replies = adapter.Replies.Select(r => r.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"count {n}"), replies);
    }

    [Fact]
    public async Task ProcessActivity_DifferentConversations_RunInParallel()
    {
        // Every turn waits until all ten have started: only possible if they run at the same time.
        const int conversations = 10;
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Bot(ITurnContext turn, CancellationToken ct)
        {
            if (Interlocked.Increment(ref started) == conversations)
            {
                allStarted.SetResult();
            }

            // The timeout only turns a regression into a failure instead of a hung test run.
            await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await turn.SendActivityAsync("done", ct);
        }

        var adapters = Enumerable.Range(0, conversations).Select(i => new TestAdapter { Conversation = new ConversationAccount { Id = $"c{i}" } }).ToList();

        await Task.WhenAll(adapters.Select(a => a.SendTextToBotAsync("go", Bot)));

        Assert.All(adapters, a => Assert.Equal("done", Assert.Single(a.Replies).Text));
    }

    [Fact]
    public async Task ProcessActivity_RedeliveredActivity_RunsOnceAndGetsTheSameAnswer()
    {
        var bot = new CountingBot(new ConversationState(new MemoryStorage()));
        var adapter = new TestAdapter();
        var activity = adapter.MakeActivity(text: "+1") with { DeliveryMode = DeliveryModes.ExpectReplies };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, default)));

        Assert.Equal(1, bot.TurnsRun);
        Assert.All(outcomes, o => Assert.Equal("count 1", Assert.Single(o.ExpectedReplies!).Text));
    }

    [Fact]
    public async Task ProcessActivity_RedeliveryAfterTwoQuietWindows_IsNoLongerRemembered()
    {
        // No other turn comes in between: the outcome must still go (the cache's timer), not stay until the next turn.
        var time = new FakeTimeProvider();
        var bot = new CountingBot(new ConversationState(new MemoryStorage()));
        var adapter = new TestAdapter(time);
        var activity = adapter.MakeActivity(text: "+1") with { DeliveryMode = DeliveryModes.ExpectReplies };
        await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, default);

        for (var step = 0; step < 4; step++)
        {
            time.Advance(TimeSpan.FromMinutes(1)); // the window is two minutes; each step is one tick of the timer
        }

        var again = await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, default);
        Assert.Equal(2, bot.TurnsRun);
        Assert.Equal("count 2", Assert.Single(again.ExpectedReplies!).Text);
    }

    [Fact]
    public async Task ProcessActivity_ExpectReplies_ReturnsRepliesInsteadOfSendingThem()
    {
        var bot = new CountingBot(new ConversationState(new MemoryStorage()));
        var adapter = new TestAdapter();

        var outcome = await adapter.ProcessActivityAsync(adapter.MakeActivity(text: "+1") with { DeliveryMode = DeliveryModes.ExpectReplies }, bot.OnTurnAsync, default);

        Assert.Empty(adapter.Replies);
        var reply = Assert.Single(outcome.ExpectedReplies!);
        Assert.Equal(("count 1", "user-1", "bot"), (reply.Text, reply.Recipient!.Id, reply.From!.Id));
    }

    [Fact]
    public async Task ProcessActivity_BotThrows_ErrorHandlerRunsAndTheNextTurnWorks()
    {
        var handled = new List<string>();
        var adapter = new TestAdapter();
        adapter.OnTurnError = async (turn, error) =>
        {
            handled.Add(error.Message);
            await turn.SendActivityAsync("Sorry, something went wrong.");
        };
        var calls = 0;
        Task Bot(ITurnContext turn, CancellationToken ct) =>
            ++calls == 1 ? throw new InvalidOperationException("boom") : turn.SendActivityAsync("fine", ct);

        await new TestFlow(adapter, Bot)
            .Send("one").AssertReply("Sorry, something went wrong.")
            .Send("two").AssertReply("fine")
            .StartTestAsync();

        Assert.Equal(["boom"], handled);
    }

    [Fact]
    public async Task ContinueConversation_SendFails_TheCallerGetsTheErrorAndTheUserNoApology()
    {
        var handled = new List<string>();
        var adapter = new TestAdapter();
        adapter.OnTurnError = async (turn, error) =>
        {
            handled.Add(error.Message);
            await turn.SendActivityAsync("Sorry, something went wrong.");
        };
        var reference = adapter.MakeActivity().GetConversationReference();

        // A proactive send that fails (the channel refused it) must reach whoever sent it, so they can retry or record it.
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            adapter.ContinueConversationAsync(reference, (_, _) => throw new HttpRequestException("channel down"), default));

        Assert.Equal("channel down", failure.Message);
        Assert.Empty(handled);
        Assert.Empty(adapter.Replies);
    }

    [Fact]
    public async Task ShowTyping_SlowTurn_SendsTypingUntilTheReply()
    {
        var time = new FakeTimeProvider();
        var adapter = new TestAdapter(time);
        adapter.Use(new ShowTypingMiddleware(time, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)));
        var release = new TaskCompletionSource();
        async Task SlowBot(ITurnContext turn, CancellationToken ct)
        {
            await release.Task;
            await turn.SendActivityAsync("done", ct);
        }

        var turn = adapter.SendTextToBotAsync("hi", SlowBot);
        await WaitForAsync(() => !time.GetUtcNow().Equals(default));
        time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(() => adapter.Replies.Count == 1);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => adapter.Replies.Count == 2);
        release.SetResult();
        await turn;

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Typing, ActivityTypes.Message], adapter.Replies.Select(r => r.Type));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
