using SupportBot.BotFramework.Dialogs;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.LoadTest;

/// <summary>
/// The load test's bot: a real dialog (a waterfall around a text prompt) whose stack and a turn counter live in
/// conversation state, so every turn reads and writes state like a real intake turn does.
/// </summary>
internal sealed class EchoBot : IBot
{
    private readonly DialogSet _dialogs;

    public EchoBot(ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _dialogs = new DialogSet(state.CreateProperty<DialogState>("dialogs"))
            .Add(new TextPrompt("text"))
            .Add(new WaterfallDialog<EchoValues>("echo", [AskAsync, EchoAsync]));
    }

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        turnContext.Activity.IsType(ActivityTypes.Message)
            ? _dialogs.RunAsync(turnContext, "echo", cancellationToken: cancellationToken)
            : Task.CompletedTask;

    // Only the first turn is asked; afterwards each message gets exactly one reply, its echo.
    private static Task<DialogTurnResult> AskAsync(WaterfallStepContext<EchoValues> step, CancellationToken cancellationToken) =>
        step.PromptAsync("text", new PromptOptions { Prompt = step.Values.Turns == 0 ? new Activity { Type = ActivityTypes.Message, Text = "Say something." } : null }, cancellationToken);

    private static async Task<DialogTurnResult> EchoAsync(WaterfallStepContext<EchoValues> step, CancellationToken cancellationToken)
    {
        var turns = step.Values.Turns + 1;
        await step.Context.SendActivityAsync($"echo {turns}: {step.ResultAs<string>()}", cancellationToken);
        return await step.Dialog.ReplaceDialogAsync("echo", new EchoValues { Turns = turns }, cancellationToken);
    }

    public sealed record EchoValues
    {
        public int Turns { get; init; }
    }
}
