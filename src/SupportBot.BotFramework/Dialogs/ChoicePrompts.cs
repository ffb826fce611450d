using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Dialogs;

/// <summary>One of a list: by its number ("2"), its value or a synonym, in any letter case; the choices are offered as buttons.</summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    protected override Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var message = (isRetry ? options.RetryPrompt ?? options.Prompt : options.Prompt) ?? new Activity { Type = ActivityTypes.Message };
        var buttons = options.Choices?.Select(c => CardAction.ImBack(c.Value, c.Value)).ToList();
        return turnContext.SendActivityAsync(message with { SuggestedActions = buttons is null ? null : new SuggestedActions { Actions = buttons } }, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = turnContext.Activity.Text?.Trim();
        var choices = options.Choices ?? [];
        if (string.IsNullOrEmpty(text))
        {
            return Task.FromResult(new PromptRecognizerResult<FoundChoice>(false));
        }

        if (int.TryParse(text, out var number) && number >= 1 && number <= choices.Count)
        {
            return Found(choices, number - 1);
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (Matches(choices[i].Value, text) || (choices[i].Synonyms?.Any(s => Matches(s, text)) ?? false))
            {
                return Found(choices, i);
            }
        }

        return Task.FromResult(new PromptRecognizerResult<FoundChoice>(false));
    }

    private static bool Matches(string candidate, string text) => string.Equals(candidate.Trim(), text, StringComparison.OrdinalIgnoreCase);

    private static Task<PromptRecognizerResult<FoundChoice>> Found(IReadOnlyList<Choice> choices, int index) =>
        Task.FromResult(new PromptRecognizerResult<FoundChoice>(true, new FoundChoice(choices[index].Value, index)));
}

/// <summary>Yes or no, in English or Chinese.</summary>
public sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase) { "yes", "y", "yeah", "yep", "ok", "okay", "sure", "是", "是的", "好", "好的", "对", "确认", "可以", "嗯", "有" };
    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase) { "no", "n", "nope", "not", "否", "不", "不是", "不要", "没有", "取消", "没" };

    /// <summary>True for a yes, false for a no, null for anything else.</summary>
    public static bool? Recognize(string? text)
    {
        var answer = text?.Trim().TrimEnd('.', '!', '。', '！') ?? "";
        return Yes.Contains(answer) ? true : No.Contains(answer) ? false : null;
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Task.FromResult(Recognize(turnContext.Activity.Text) is { } answer
            ? new PromptRecognizerResult<bool>(true, answer)
            : new PromptRecognizerResult<bool>(false));
    }
}
