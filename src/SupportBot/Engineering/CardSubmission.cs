using System.Text.Json;

namespace SupportBot.Engineering;

/// <summary>
/// A button pressed on a ticket's card, whichever way it arrived: a Teams <c>Action.Execute</c> invoke or an
/// <c>Action.Submit</c> message (Web Chat). Carries the ticket version the card showed, so an old card cannot act twice.
/// </summary>
internal sealed record CardSubmission(string Number, int Version, string Op, IReadOnlyDictionary<string, string> Inputs)
{
    public const string TicketField = "ticket";
    public const string VersionField = "v";
    public const string OpField = "op";

    /// <summary>The data of a card action, or null when it is not a ticket card's (an intake card's, say).</summary>
    public static CardSubmission? From(JsonElement? value, string? verb = null)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty(TicketField, out var ticket) || ticket.ValueKind != JsonValueKind.String
            || !data.TryGetProperty(VersionField, out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var seen))
        {
            return null;
        }

        var op = verb ?? (data.TryGetProperty(OpField, out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null);
        if (string.IsNullOrEmpty(op))
        {
            return null;
        }

        // Inputs come back as strings (Input.Toggle as "true"/"false"); anything else a client adds is ignored.
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Name is not (TicketField or OpField))
            {
                inputs[property.Name] = property.Value.GetString()!;
            }
        }

        return new CardSubmission(ticket.GetString()!, seen, op, inputs);
    }

    public string? Input(string name) => Inputs.TryGetValue(CardInputs.Id(Op, name), out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>Input ids are unique per card: each action's inputs are prefixed with the action.</summary>
internal static class CardInputs
{
    public static string Id(string op, string name) => $"{op}.{name}";
}
