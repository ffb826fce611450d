using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>Routes a turn by activity type to an overridable method; types a bot does not know are ignored.</summary>
public abstract class ActivityHandler : IBot
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                if (await OnInvokeActivityAsync(turnContext, cancellationToken) is { } response)
                {
                    InvokeResponses.Set(turnContext, response);
                }

                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Calls <see cref="OnMembersAddedAsync"/> with the people (not the bot itself) who joined.</summary>
    protected virtual Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var people = activity.MembersAdded?.Where(m => m.Id != activity.Recipient?.Id).ToList() ?? [];
        return people.Count > 0 ? OnMembersAddedAsync(people, turnContext, cancellationToken) : Task.CompletedTask;
    }

    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Answers an invoke; null means unhandled, which the adapter answers with 501.</summary>
    protected virtual async Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name != AdaptiveCardActionInvoke)
        {
            return null;
        }

        if (!AdaptiveCardInvokeValue.TryParse(turnContext.Activity.Value, out var invoke, out var problem))
        {
            return problem == NotSupported
                ? InvokeResponses.Error(400, NotSupported, "Only Action.Execute is handled by adaptiveCard/action.")
                : InvokeResponses.Error(400, "BadRequest", problem!);
        }

        return await OnAdaptiveCardInvokeAsync(turnContext, invoke!, cancellationToken);
    }

    /// <summary>An <c>Action.Execute</c> from a card (Teams Universal Actions); null means unhandled.</summary>
    protected virtual Task<InvokeResponse?> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invoke, CancellationToken cancellationToken) =>
        Task.FromResult<InvokeResponse?>(null);

    internal const string NotSupported = "NotSupported";
}

/// <summary>The value of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeValue(string Verb, string? ActionId, JsonElement Data, string Trigger)
{
    public static bool TryParse(JsonElement? value, out AdaptiveCardInvokeValue? invoke, out string? problem)
    {
        invoke = null;
        if (value is not { ValueKind: JsonValueKind.Object } body
            || !body.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            problem = "The invoke value has no action object.";
            return false;
        }

        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
        {
            problem = ActivityHandler.NotSupported;
            return false;
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrEmpty(verb))
        {
            problem = "The action has no verb.";
            return false;
        }

        invoke = new AdaptiveCardInvokeValue(
            verb,
            action.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            action.TryGetProperty("data", out var data) ? data.Clone() : JsonDocument.Parse("{}").RootElement,
            body.TryGetProperty("trigger", out var trigger) && trigger.ValueKind == JsonValueKind.String ? trigger.GetString()! : "manual");
        problem = null;
        return true;
    }
}
