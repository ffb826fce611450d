using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>How a bot hands its answer to an invoke back to the adapter, and the standard answer shapes.</summary>
public static class InvokeResponses
{
    private const string Key = "SupportBot.BotFramework.InvokeResponse";

    public static void Set(ITurnContext turnContext, InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[Key] = response;
    }

    public static InvokeResponse? Get(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.TryGetValue(Key, out var response) ? (InvokeResponse)response : null;
    }

    /// <summary>The refreshed card for the user who pressed an <c>Action.Execute</c> button.</summary>
    public static InvokeResponse Card(JsonElement card) => Body(200, Attachment.AdaptiveCardContentType, card);

    /// <summary>A short text Teams shows instead of a card.</summary>
    public static InvokeResponse Message(string text) =>
        Body(200, "application/vnd.microsoft.activity.message", JsonSerializer.SerializeToElement(text, BotJson.Options));

    public static InvokeResponse Error(int status, string code, string message) =>
        Body(status, "application/vnd.microsoft.error", JsonSerializer.SerializeToElement(new ErrorBody(code, message), ErrorJson));

    private static readonly JsonSerializerOptions ErrorJson = new(JsonSerializerDefaults.Web);

    private static InvokeResponse Body(int status, string type, JsonElement value) =>
        new(status, JsonSerializer.SerializeToElement(new AdaptiveCardInvokeResponse(status, type, value), ErrorJson));

    private sealed record ErrorBody(string Code, string Message);

    private sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, JsonElement Value);
}
