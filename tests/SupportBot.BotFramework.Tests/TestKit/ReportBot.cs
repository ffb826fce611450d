using SupportBot.BotFramework.Dialogs;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Tests.TestKit;

/// <summary>
/// A small three-question dialog (title, category, confirm) with "help" and "cancel" interruptions, built the
/// way an application bot is: singleton dialogs, state only in conversation state.
/// </summary>
internal sealed class ReportBot : IBot
{
    public const string Root = "report";

    private readonly ConversationState _state;
    private readonly DialogSet _dialogs;

    public ReportBot(IStorage storage)
    {
        _state = new ConversationState(storage);
        _dialogs = new DialogSet(_state.CreateProperty<DialogState>("dialogs"))
            .Add(new TextPrompt("title", (prompt, _) => Task.FromResult(prompt.Recognized.Value!.Length >= 5)))
            .Add(new ChoicePrompt("category"))
            .Add(new ConfirmPrompt("confirm"))
            .Add(new WaterfallDialog<Draft>(Root, [AskTitleAsync, AskCategoryAsync, ConfirmAsync, FinishAsync]));
    }

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await _dialogs.RunAsync(turnContext, Root, InterruptAsync, cancellationToken);
        await _state.SaveChangesAsync(turnContext, cancellationToken);
    }

    private static async Task<bool> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        switch (dc.Context.Activity.Text?.Trim().ToLowerInvariant())
        {
            case "cancel":
                await dc.CancelAllDialogsAsync(cancellationToken);
                await dc.Context.SendActivityAsync("Cancelled.", cancellationToken);
                return true;
            case "help" when dc.ActiveDialog is not null:
                await dc.Context.SendActivityAsync("I need a few details about the problem.", cancellationToken);
                await dc.RepromptDialogAsync(cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private static Task<DialogTurnResult> AskTitleAsync(WaterfallStepContext<Draft> step, CancellationToken cancellationToken) =>
        step.PromptAsync("title", new PromptOptions
        {
            Prompt = Message("What is the problem, in a few words?"),
            RetryPrompt = Message("Please give a title of at least 5 characters, e.g. 'CRM cannot save'."),
            MaxAttempts = 3,
        }, cancellationToken);

    private static async Task<DialogTurnResult> AskCategoryAsync(WaterfallStepContext<Draft> step, CancellationToken cancellationToken)
    {
        if (step.ResultAs<string>() is not { } title)
        {
            await step.Context.SendActivityAsync("Let me find you a person to talk to.", cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        step.Values = step.Values with { Title = title };
        return await step.PromptAsync("category", new PromptOptions
        {
            Prompt = Message("Which kind of problem?"),
            Choices = [new Choice("Network", ["网络"]), new Choice("Software", ["软件"])],
        }, cancellationToken);
    }

    private static async Task<DialogTurnResult> ConfirmAsync(WaterfallStepContext<Draft> step, CancellationToken cancellationToken)
    {
        step.Values = step.Values with { Category = step.ResultAs<FoundChoice>()!.Value };
        return await step.PromptAsync("confirm", new PromptOptions { Prompt = Message($"File '{step.Values.Title}' as {step.Values.Category}?") }, cancellationToken);
    }

    private static async Task<DialogTurnResult> FinishAsync(WaterfallStepContext<Draft> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(step.ResultAs<bool>() ? $"Filed: {step.Values.Title} ({step.Values.Category})" : "Not filed.", cancellationToken);
        return await step.EndDialogAsync(step.Values, cancellationToken);
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    public sealed record Draft
    {
        public string? Title { get; init; }
        public string? Category { get; init; }
    }
}
