using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Testing;

/// <summary>
/// A scripted conversation: <c>Send("hi").AssertReply("Hello!")…</c>, run in order by <see cref="StartTestAsync"/>.
/// Each assertion takes the next reply the bot sent, skipping typing indicators; a missing reply fails.
/// </summary>
public sealed class TestFlow(TestAdapter adapter, BotCallbackHandler bot)
{
    private readonly List<Func<Task>> _steps = [];

    public TestFlow Send(string text) => Send(adapter.MakeActivity(text: text));

    public TestFlow Send(Activity activity)
    {
        _steps.Add(() => adapter.ProcessActivityAsync(activity, bot, CancellationToken.None));
        return this;
    }

    public TestFlow AssertReply(string expectedText) =>
        AssertReply(reply =>
        {
            if (reply.Text != expectedText)
            {
                throw new TestFlowException($"Expected the reply \"{expectedText}\" but the bot said \"{reply.Text}\".");
            }
        });

    public TestFlow AssertReply(Action<Activity> inspect)
    {
        _steps.Add(() =>
        {
            inspect(NextReply());
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Asserts the bot has said nothing more (typing indicators aside).</summary>
    public TestFlow AssertNoReply()
    {
        _steps.Add(() =>
        {
            while (adapter.TryGetNextReply(out var reply))
            {
                if (!reply.IsType(ActivityTypes.Typing))
                {
                    throw new TestFlowException($"Expected no reply but the bot said \"{reply.Text}\".");
                }
            }

            return Task.CompletedTask;
        });
        return this;
    }

    public async Task StartTestAsync()
    {
        foreach (var step in _steps)
        {
            await step();
        }
    }

    private Activity NextReply()
    {
        while (adapter.TryGetNextReply(out var reply))
        {
            if (!reply.IsType(ActivityTypes.Typing))
            {
                return reply;
            }
        }

        throw new TestFlowException("Expected a reply but the bot sent nothing more.");
    }
}

public sealed class TestFlowException : Exception
{
    public TestFlowException()
    {
    }

    public TestFlowException(string message)
        : base(message)
    {
    }

    public TestFlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
