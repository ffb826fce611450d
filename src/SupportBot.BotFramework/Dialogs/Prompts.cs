using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Dialogs;

/// <summary>What a prompt says, what it says after an answer it could not use, its choices, and how often it asks.</summary>
public sealed record PromptOptions
{
    public Activity? Prompt { get; init; }
    public Activity? RetryPrompt { get; init; }
    public IReadOnlyList<Choice>? Choices { get; init; }

    /// <summary>After this many unusable answers the prompt gives up and ends with a null result; null = ask forever.</summary>
    public int? MaxAttempts { get; init; }
}

public sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null);

public sealed record FoundChoice(string Value, int Index);

public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default);

public sealed record PromptValidatorContext<T>(ITurnContext Context, PromptRecognizerResult<T> Recognized, PromptOptions Options, int AttemptCount);

/// <summary>Decides whether a recognised answer is acceptable; it may send its own explanation when it is not.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> prompt, CancellationToken cancellationToken);

/// <summary>Asks, recognises the answer as a <typeparamref name="T"/>, validates it, and asks again until it can end with a value.</summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator = null) : Dialog(id)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonElement? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options?.Deserialize<PromptOptions>(DialogJson.Options) ?? new PromptOptions();
        dc.SetState(new PromptState(promptOptions, 0));
        await OnPromptAsync(dc.Context, promptOptions, isRetry: false, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return DialogTurnResult.EndOfTurn;
        }

        var state = dc.GetState<PromptState>() ?? throw new InvalidOperationException($"Prompt '{Id}' lost its state.");
        var attempts = state.Attempts + 1;
        dc.SetState(state with { Attempts = attempts });

        var recognized = await OnRecognizeAsync(dc.Context, state.Options, cancellationToken);
        var valid = recognized.Succeeded
            && (validator is null || await validator(new PromptValidatorContext<T>(dc.Context, recognized, state.Options, attempts), cancellationToken));
        if (valid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (state.Options.MaxAttempts is { } max && attempts >= max)
        {
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, state.Options, isRetry: true, cancellationToken);
        }

        return DialogTurnResult.EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.GetState<PromptState>() ?? throw new InvalidOperationException($"Prompt '{Id}' lost its state.");
        return OnPromptAsync(dc.Context, state.Options, isRetry: false, cancellationToken);
    }

    protected virtual Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var message = isRetry ? options.RetryPrompt ?? options.Prompt : options.Prompt;
        return message is null ? Task.CompletedTask : turnContext.SendActivityAsync(message, cancellationToken);
    }

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken);

    private sealed record PromptState(PromptOptions Options, int Attempts);
}

/// <summary>Any non-empty text.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text) ? new PromptRecognizerResult<string>(false) : new PromptRecognizerResult<string>(true, text));
    }
}
