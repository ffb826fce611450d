using System.Text.Json;

namespace SupportBot.BotFramework.Dialogs;

public enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>The active dialog waits for the user's next message.</summary>
    Waiting,

    Complete,
    Cancelled,
}

/// <summary>What a dialog operation left behind: its status and, when a dialog ended, its result as JSON.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, JsonElement? Result = null)
{
    public static DialogTurnResult EndOfTurn { get; } = new(DialogTurnStatus.Waiting);

    /// <summary>The result read as the type the finished dialog produces.</summary>
    public T? ResultAs<T>() => Result is { } json ? json.Deserialize<T>(DialogJson.Options) : default;
}

/// <summary>
/// A conversational unit: begins, continues on each message while it is on top of the stack, resumes when a
/// child it started ends. Dialogs are stateless singletons; their state lives in the <see cref="DialogContext"/>.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonElement? options, CancellationToken cancellationToken);

    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>A child dialog ended with <paramref name="result"/> (null when it gave up or was cancelled).</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, JsonElement? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Ask again what the dialog is waiting for (after an interruption such as "help").</summary>
    public virtual Task RepromptDialogAsync(DialogContext dc, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One frame of the dialog stack: which dialog, and its own state as JSON.</summary>
public sealed class DialogInstance
{
    public required string Id { get; init; }
    public JsonElement? State { get; set; }
}

/// <summary>The persisted dialog stack of a conversation; the active dialog is first.</summary>
public sealed class DialogState
{
    public List<DialogInstance> Stack { get; init; } = [];
}

internal static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static JsonElement? ToElement(object? value) =>
        value switch
        {
            null => null,
            JsonElement element => element,
            _ => JsonSerializer.SerializeToElement(value, value.GetType(), Options),
        };
}
