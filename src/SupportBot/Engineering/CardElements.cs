using SupportBot.Common;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Engineering;

/// <summary>How a card's buttons are made for the channel that shows it.</summary>
internal sealed record CardTarget(string ChannelId, string Locale)
{
    /// <summary>Teams runs Universal Actions; Web Chat has no <c>Action.Execute</c> and gets <c>Action.Submit</c>.</summary>
    public bool UsesExecute => ChannelId == Channels.MsTeams;
}

/// <summary>The Adaptive Card pieces SupportBot's cards are built from (schema 1.5, which Teams asks for).</summary>
internal static class CardElements
{
    public const string Version = "1.5";

    // No "lang": SupportBot writes every text in the reader's language itself and uses no DATE/TIME functions, and
    // adaptivecards 3.0.6 checks lang with a global (stateful) regex that rejects every other card it parses.
    public static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = body,
    };

    /// <summary>The top of every ticket's card: what just happened (if anything), then the number and title.</summary>
    public static JsonArray Heading(Tickets.Ticket ticket, CardNotice? notice)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var body = new JsonArray();
        if (notice is not null)
        {
            body.Add(Text(notice.Text, weight: "Bolder", color: notice.IsProblem ? "Attention" : "Good"));
        }

        body.Add(Text($"{ticket.Number} · {ReporterText.Escape(ticket.Title)}", weight: "Bolder", size: "Medium"));
        return body;
    }

    public static JsonObject Text(string text, string? weight = null, string? size = null, string? color = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        Set(block, "weight", weight);
        Set(block, "size", size);
        Set(block, "color", color);
        Set(block, "spacing", spacing);
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    /// <summary>
    /// A file as a link that opens it: the name is the sender's words (escaped), and only an absolute http(s) address
    /// becomes a link, its brackets encoded so the address cannot end the markdown early.
    /// </summary>
    public static string Link(string name, string url)
    {
        var label = ReporterText.Escape(name);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"[{label}]({uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})"
            : label;
    }

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
    };

    /// <summary>A button that acts at once: <c>Action.Execute</c> in Teams, <c>Action.Submit</c> elsewhere.</summary>
    public static JsonObject Button(CardTarget target, string title, string verb, string number, int version, string? style = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var data = new JsonObject { [CardSubmission.TicketField] = number, [CardSubmission.VersionField] = version, [CardSubmission.OpField] = verb };
        var button = target.UsesExecute
            ? new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data }
            : new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        Set(button, "style", style);
        return button;
    }

    /// <summary>A button that opens the inputs an action needs, with the button that sends them.</summary>
    public static JsonObject ShowCard(string title, JsonArray inputs, JsonObject send) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["body"] = inputs,
            ["actions"] = new JsonArray { send },
        },
    };

    public static JsonObject ActionSet(IEnumerable<JsonObject> actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray([.. actions]),
    };

    public static JsonObject TextInput(string id, string label, bool required, int maxLength, bool multiline, string? value, string? errorMessage)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["isRequired"] = required,
            ["maxLength"] = maxLength,
            ["isMultiline"] = multiline,
        };
        Set(input, "value", value);
        Set(input, "errorMessage", errorMessage);
        return input;
    }

    public static JsonObject Choices(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value, bool expanded = false, string? errorMessage = null)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["isRequired"] = true,
            ["style"] = expanded ? "expanded" : "compact",
            ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]),
        };
        Set(input, "value", value);
        Set(input, "errorMessage", errorMessage);
        return input;
    }

    public static JsonObject Number(string id, string label, int min, int max, string? value, string? errorMessage)
    {
        var input = new JsonObject { ["type"] = "Input.Number", ["id"] = id, ["label"] = label, ["isRequired"] = true, ["min"] = min, ["max"] = max };
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            input["value"] = number;
        }

        Set(input, "errorMessage", errorMessage);
        return input;
    }

    public static JsonObject Date(string id, string label, string? value)
    {
        var input = new JsonObject { ["type"] = "Input.Date", ["id"] = id, ["label"] = label };
        Set(input, "value", value);
        return input;
    }

    public static JsonObject Toggle(string id, string title, string? value) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = value == "true" ? "true" : "false",
        ["valueOn"] = "true",
        ["valueOff"] = "false",
    };

    public static Attachment Attachment(JsonObject card) =>
        new() { ContentType = BotFramework.Schema.Attachment.AdaptiveCardContentType, Content = System.Text.Json.JsonSerializer.SerializeToElement(card) };

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
