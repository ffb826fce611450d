using System.Text.Json;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Dialogs;

/// <summary>The dialog stack of one conversation during one turn, and the operations on it.</summary>
public sealed class DialogContext(DialogSet dialogs, ITurnContext context, DialogState state)
{
    public DialogSet Dialogs { get; } = dialogs;
    public ITurnContext Context { get; } = context;
    public IReadOnlyList<DialogInstance> Stack => state.Stack;
    public DialogInstance? ActiveDialog => state.Stack.Count > 0 ? state.Stack[0] : null;

    /// <summary>The active dialog's own state, as the record type that dialog keeps.</summary>
    public T? GetState<T>() => ActiveDialog?.State is { } json ? json.Deserialize<T>(DialogJson.Options) : default;

    public void SetState<T>(T value)
    {
        var active = ActiveDialog ?? throw new InvalidOperationException("No dialog is active.");
        active.State = DialogJson.ToElement(value);
    }

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = Dialogs.Find(dialogId) ?? throw new InvalidOperationException($"No dialog '{dialogId}' is registered in the dialog set.");
        state.Stack.Insert(0, new DialogInstance { Id = dialogId });
        return dialog.BeginDialogAsync(this, DialogJson.ToElement(options), cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Hands the turn's activity to the active dialog.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } active)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        return await Find(active).ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes its parent with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (state.Stack.Count > 0)
        {
            state.Stack.RemoveAt(0);
        }

        var json = DialogJson.ToElement(result);
        return ActiveDialog is { } parent
            ? await Find(parent).ResumeDialogAsync(this, json, cancellationToken)
            : new DialogTurnResult(DialogTurnStatus.Complete, json);
    }

    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hadDialogs = state.Stack.Count > 0;
        state.Stack.Clear();
        return Task.FromResult(new DialogTurnResult(hadDialogs ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty));
    }

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        if (state.Stack.Count > 0)
        {
            state.Stack.RemoveAt(0);
        }

        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public Task RepromptDialogAsync(CancellationToken cancellationToken = default) =>
        ActiveDialog is { } active ? Find(active).RepromptDialogAsync(this, cancellationToken) : Task.CompletedTask;

    private Dialog Find(DialogInstance instance) =>
        Dialogs.Find(instance.Id) ?? throw new InvalidOperationException($"The stack names dialog '{instance.Id}', which is not registered.");
}
