using System.Text.Json.Nodes;
using SupportBot.Engineering.Actions;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Engineering;

/// <summary>
/// Draws the inputs an action declares. After a refused submission they are shown again with what was typed, so a
/// validation error never costs the engineer their text.
/// </summary>
internal sealed class CardInputsForm(Localizer localizer, SupportRoster roster, CategoryCatalog categories)
{
    public JsonArray For(CardAction action, Ticket ticket, string locale, CardSubmission? retry, IReadOnlyList<(string Title, string Value)>? articles = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(ticket);
        var scene = new ChoiceScene(ticket, locale, localizer, roster, categories) { Articles = articles ?? [] };
        return [.. action.Inputs.Select(field => (JsonNode)Draw(action, field, scene, retry))];
    }

    /// <summary>The button that sends the action (with its inputs, when it has any).</summary>
    public JsonObject Send(CardAction action, Ticket ticket, CardTarget target)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(target);
        var title = localizer.Get(target.Locale, action.AsksForInput ? action.SendKey : action.LabelKey);
        return CardElements.Button(target, title, action.Verb, ticket.Number, ticket.Version, action.Style);
    }

    /// <summary>The action on a card of several: a button, or one that opens its inputs (kept from a refused try).</summary>
    public JsonObject Button(CardAction action, Ticket ticket, CardTarget target, CardSubmission? retry)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(target);
        return action.AsksForInput
            ? ShowCard(localizer.Get(target.Locale, action.LabelKey), For(action, ticket, target.Locale, Retried(action, retry)), Send(action, ticket, target))
            : Send(action, ticket, target);
    }

    /// <summary>What was typed, when the refused submission was this action's.</summary>
    public static CardSubmission? Retried(CardAction action, CardSubmission? retry) => retry?.Op == action?.Verb ? retry : null;

    private JsonObject Draw(CardAction action, CardField field, ChoiceScene scene, CardSubmission? retry)
    {
        var locale = scene.Locale;
        var id = CardInputs.Id(action.Verb, field.Name);
        var typed = retry?.Inputs.GetValueOrDefault(id);
        var label = localizer.Get(locale, $"card.input.{action.Verb}.{field.Name}");
        string Required() => localizer.Get(locale, $"card.error.required.{field.Name}");
        return field switch
        {
            TextField text => TextInput(id, label, text.Required, text.Limit, text.Multiline, typed, text.Required ? Required() : null),
            NumberField number => Number(id, label, number.Min, number.Max, typed, localizer.Get(locale, number.ErrorKey, number.Max)),
            DecimalField amount => TextInput(id, label, required: false, 20, multiline: false, typed, localizer.Get(locale, amount.ErrorKey, amount.Max)),
            DateField => Date(id, label, typed),
            ToggleField => Toggle(id, label, typed),
            ChoiceField choice => Choices(id, label, choice.Options(scene), typed, choice.Expanded, Required()),
            _ => throw new InvalidOperationException($"No drawing for the field kind {field.GetType().Name}."),
        };
    }
}
