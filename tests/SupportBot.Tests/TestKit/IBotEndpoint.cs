using System.Text.Json;
using Activity = SupportBot.BotFramework.Schema.Activity;

namespace SupportBot.Tests.TestKit;

/// <summary>Where a channel posts a customer's turns: one SupportBot process, or the proxy in front of several.</summary>
internal interface IBotEndpoint
{
    /// <summary>One message (or card click) from a web customer with expectReplies; the bot's message replies.</summary>
    Task<IReadOnlyList<Activity>> SendAsync(string customer, string activityId, string? text, JsonElement? click = null);
}
