using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

public sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public string? ThumbnailUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary>Metadata on an activity: a mention, Teams clientInfo, Web Chat ClientCapabilities, ….</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    /// <summary>For a mention: who was mentioned.</summary>
    public ChannelAccount? Mentioned { get; init; }

    /// <summary>For a mention: the markup in the activity text, e.g. <c>&lt;at&gt;Support Bot&lt;/at&gt;</c>.</summary>
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record SuggestedActions
{
    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<CardAction>? Actions { get; init; }
}

public sealed record CardAction
{
    public required string Type { get; init; }
    public string? Title { get; init; }
    public string? Image { get; init; }
    public string? Text { get; init; }
    public string? DisplayText { get; init; }
    public JsonElement? Value { get; init; }

    public static CardAction ImBack(string title, string value) =>
        new() { Type = "imBack", Title = title, Value = JsonSerializer.SerializeToElement(value, BotJson.Options) };
}

/// <summary>A bot's answer to an invoke: the HTTP status and body returned to the channel.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null);

/// <summary>The body of an <c>expectReplies</c> answer.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

public sealed record ResourceResponse(string? Id);
