using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Hostile;

/// <summary>Activities for <c>/api/messages</c> with one field replaced by raw JSON, posted as a web channel would (expectReplies).</summary>
internal static class HostileActivities
{
    public const string Apology = "Sorry, something went wrong on my side.";

    /// <summary>A customer's message in their own conversation, as JSON to tamper with.</summary>
    public static JsonObject Message(string conversationId, string serviceUrl, string userId = "hostile-visitor") => new()
    {
        ["type"] = "message",
        ["id"] = $"act-{Guid.NewGuid():N}",
        ["channelId"] = "webchat",
        ["serviceUrl"] = serviceUrl,
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Visitor" },
        ["recipient"] = new JsonObject { ["id"] = "supportbot", ["name"] = "SupportBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
        ["text"] = "hello",
        ["locale"] = "en-US",
    };

    /// <summary>The activity's JSON with the field at a dotted path (<c>from.name</c>, <c>attachments.0.name</c>) set to raw JSON.</summary>
    public static string With(JsonObject activity, string path, string rawJson)
    {
        // Raw JSON is spliced in as text: a lone-surrogate escape or a 10,000-deep nesting cannot go through JsonNode.
        const string Marker = "\"__HOSTILE__\"";
        var parts = path.Split('.');
        JsonNode parent = activity;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = int.TryParse(parts[i], out var index)
                ? parent[index]!
                : parent[parts[i]] ??= int.TryParse(parts[i + 1], out _) ? new JsonArray(new JsonObject()) : new JsonObject();
        }

        parent[parts[^1]] = "__HOSTILE__";
        return activity.ToJsonString().Replace(Marker, rawJson, StringComparison.Ordinal);
    }

    public static async Task<(HttpResponseMessage Response, IReadOnlyList<Activity> Replies)> PostAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Length == 0)
        {
            // A refusal, or a turn delivered normally: its replies went to the channel, not into the response.
            return (response, []);
        }

        var replies = JsonSerializer.Deserialize<ExpectedReplies>(body, BotJson.Options);
        return (response, [.. replies?.Activities?.Where(reply => reply.Type == ActivityTypes.Message) ?? []]);
    }

    public static string TextsOf(IReadOnlyList<Activity> replies) => string.Join(" | ", replies.Select(reply => reply.Text));

    public static JsonElement Parse(string json) => JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }).RootElement.Clone();
}
