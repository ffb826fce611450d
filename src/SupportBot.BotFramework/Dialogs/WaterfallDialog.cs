using System.Text.Json;

namespace SupportBot.BotFramework.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TValues>(WaterfallStepContext<TValues> step, CancellationToken cancellationToken)
    where TValues : new();

/// <summary>
/// A fixed sequence of steps sharing one typed record of values; each step usually prompts, and the next step
/// receives the prompt's result. The values and the step index are persisted with the stack.
/// </summary>
public sealed class WaterfallDialog<TValues>(string id, IReadOnlyList<WaterfallStep<TValues>> steps) : Dialog(id)
    where TValues : new()
{
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonElement? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var values = options is { } json ? json.Deserialize<TValues>(DialogJson.Options) ?? new TValues() : new TValues();
        return RunStepAsync(dc, new WaterfallState<TValues>(-1, values), null, cancellationToken);
    }

    /// <summary>A message while no child is active: the next step gets the text as its result.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.Context.Activity.Type != Schema.ActivityTypes.Message
            ? Task.FromResult(DialogTurnResult.EndOfTurn)
            : ResumeDialogAsync(dc, DialogJson.ToElement(dc.Context.Activity.Text), cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, JsonElement? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.GetState<WaterfallState<TValues>>() ?? throw new InvalidOperationException($"Waterfall '{Id}' lost its state.");
        return RunStepAsync(dc, state, result, cancellationToken);
    }

    public override async Task RepromptDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);

        // The waterfall itself asks nothing; run the current step again so it can.
        var state = dc.GetState<WaterfallState<TValues>>() ?? throw new InvalidOperationException($"Waterfall '{Id}' lost its state.");
        await RunStepAsync(dc, state with { Index = state.Index - 1 }, null, cancellationToken);
    }

    internal Task<DialogTurnResult> RunStepAsync(DialogContext dc, WaterfallState<TValues> state, JsonElement? result, CancellationToken cancellationToken)
    {
        var index = state.Index + 1;
        if (index >= steps.Count)
        {
            return dc.EndDialogAsync(result, cancellationToken);
        }

        var next = state with { Index = index };
        dc.SetState(next);
        return steps[index](new WaterfallStepContext<TValues>(this, dc, next, result), cancellationToken);
    }
}

internal sealed record WaterfallState<TValues>(int Index, TValues Values);

/// <summary>What a waterfall step sees: the shared values, the previous step's result, and the dialog operations.</summary>
public sealed class WaterfallStepContext<TValues>
    where TValues : new()
{
    private readonly WaterfallDialog<TValues> _waterfall;
    private readonly DialogInstance _frame;
    private WaterfallState<TValues> _state;

    internal WaterfallStepContext(WaterfallDialog<TValues> waterfall, DialogContext dc, WaterfallState<TValues> state, JsonElement? result)
    {
        _waterfall = waterfall;
        _frame = dc.ActiveDialog!;
        _state = state;
        Dialog = dc;
        Result = result;
    }

    public DialogContext Dialog { get; }
    public Turns.ITurnContext Context => Dialog.Context;
    public int Index => _state.Index;
    public JsonElement? Result { get; }

    /// <summary>The shared values; assigning saves them with the stack at once.</summary>
    public TValues Values
    {
        get => _state.Values;
        set
        {
            _state = _state with { Values = value };
            _frame.State = DialogJson.ToElement(_state);
        }
    }

    public T? ResultAs<T>() => Result is { } json && json.ValueKind != JsonValueKind.Null ? json.Deserialize<T>(DialogJson.Options) : default;

    /// <summary>Skips to the next step now, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default) =>
        _waterfall.RunStepAsync(Dialog, _state, DialogJson.ToElement(result), cancellationToken);

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default) =>
        Dialog.PromptAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default) =>
        Dialog.BeginDialogAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default) =>
        Dialog.EndDialogAsync(result, cancellationToken);
}
