using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.Dialogs;

/// <summary>The dialogs a bot knows, by id, and the state property their stack is kept in.</summary>
public sealed class DialogSet(IStatePropertyAccessor<DialogState> dialogState)
{
    private readonly Dictionary<string, Dialog> _dialogs = [];

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already registered.", nameof(dialog));
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var state = await dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);

        // The same object is kept in the turn's state cache, so changes to the stack are saved with the turn.
        await dialogState.SetAsync(turnContext, state, cancellationToken);
        return new DialogContext(this, turnContext, state);
    }

    /// <summary>
    /// The usual turn: give <paramref name="interruption"/> the first word (help, cancel …), then continue the
    /// active dialog, or begin <paramref name="rootDialogId"/> when none is active.
    /// </summary>
    public async Task<DialogTurnResult> RunAsync(
        ITurnContext turnContext,
        string rootDialogId,
        Func<DialogContext, CancellationToken, Task<bool>>? interruption = null,
        CancellationToken cancellationToken = default)
    {
        var dc = await CreateContextAsync(turnContext, cancellationToken);
        if (interruption is not null && await interruption(dc, cancellationToken))
        {
            return DialogTurnResult.EndOfTurn;
        }

        var result = await dc.ContinueDialogAsync(cancellationToken);
        return result.Status == DialogTurnStatus.Empty ? await dc.BeginDialogAsync(rootDialogId, null, cancellationToken) : result;
    }
}
