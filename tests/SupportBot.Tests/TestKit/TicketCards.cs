using System.Text.Json;

namespace SupportBot.Tests.TestKit;

/// <summary>Reading SupportBot's Adaptive Cards the way a person does: the texts shown and the buttons offered.</summary>
internal static class TicketCards
{
    /// <summary>Every TextBlock text and fact ("title: value") on the card, in order.</summary>
    public static IReadOnlyList<string> Texts(JsonElement card) =>
        [.. Walk(card).SelectMany(node => Type(node) switch
        {
            "TextBlock" => [node.GetProperty("text").GetString() ?? ""],
            "FactSet" => node.GetProperty("facts").EnumerateArray().Select(f => $"{f.GetProperty("title").GetString()}: {f.GetProperty("value").GetString()}"),
            _ => Array.Empty<string>(),
        })];

    public static string Text(JsonElement card) => string.Join("\n", Texts(card));

    /// <summary>The verbs of every button that acts (Execute or Submit), including those behind a ShowCard.</summary>
    public static IReadOnlyList<string> Verbs(JsonElement card) =>
        [.. Walk(card).Where(node => Type(node) is "Action.Execute" or "Action.Submit" && node.TryGetProperty("data", out var d) && d.TryGetProperty("op", out _))
            .Select(node => node.GetProperty("data").GetProperty("op").GetString()!).Where(op => op != "refresh")];

    /// <summary>The titles a choice input offers (an action's input id is "verb.name").</summary>
    public static IReadOnlyList<string> Choices(JsonElement card, string inputId) =>
        [.. Walk(card).Where(node => Type(node) == "Input.ChoiceSet" && node.GetProperty("id").GetString() == inputId)
            .SelectMany(node => node.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()!))];

    public static JsonElement Action(JsonElement card, string op) =>
        Walk(card).FirstOrDefault(node => Type(node) is "Action.Execute" or "Action.Submit"
            && node.TryGetProperty("data", out var d) && d.TryGetProperty("op", out var o) && o.GetString() == op) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new InvalidOperationException($"The card has no '{op}' button; it has: {string.Join(", ", Verbs(card))}.\n{Text(card)}");

    public static int Version(JsonElement card) => Action(card, Verbs(card).Count > 0 ? Verbs(card)[0] : "refresh").GetProperty("data").GetProperty("v").GetInt32();

    public static IEnumerable<JsonElement> Walk(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            yield return node;
            foreach (var child in node.EnumerateObject().SelectMany(p => Walk(p.Value)))
            {
                yield return child;
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray().SelectMany(Walk))
            {
                yield return child;
            }
        }
    }

    private static string? Type(JsonElement node) => node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
}
