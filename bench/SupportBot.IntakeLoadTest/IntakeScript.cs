using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.IntakeLoadTest;

/// <summary>
/// One web customer filing one ticket: ten turns from the first words to the click on Submit, each with
/// the reply it must get. A reply that does not match fails the conversation.
/// </summary>
internal static class IntakeScript
{
    public static IReadOnlyList<(string? Text, string Expect)> Turns { get; } =
    [
        ("printer jammed on floor 3", "Did an error code"),
        ("none", "When did it first happen?"),
        ("just now", "Does this stop you from working?"),
        ("yes", "Who is affected?"),
        ("only me", "Is there a workaround"),
        ("yes", "I need a few details once"),
        ("Li Na, Contoso", "Thanks. And your customer or order number"),
        ("C-20931", "On which phone number"),
        ("+86 21 5555 0100", "card"),
        (null, "Ticket "),
    ];

    /// <summary>One turn of <paramref name="customer"/> as the web channel posts it with expectReplies: words, or the card's click.</summary>
    public static Activity Turn(string customer, string activityId, string? text, JsonElement? click) => new()
    {
        Type = ActivityTypes.Message,
        Id = activityId,
        ChannelId = Channels.WebChat,
        ServiceUrl = "http://127.0.0.1:9/",
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount { Id = customer, Name = "Load customer" },
        Recipient = new ChannelAccount { Id = "supportbot", Name = "SupportBot" },
        Conversation = new ConversationAccount { Id = customer },
        Locale = "en-US",
        Text = text,
        Value = text is null ? click : null,
    };

    /// <summary>Whether the turn's replies are the expected ones; "card" means the confirmation card.</summary>
    public static bool Matches(IReadOnlyList<Activity> replies, string expect) =>
        expect == "card"
            ? SubmitData(replies) is not null
            : replies.Count > 0 && (replies[^1].Text ?? "").StartsWith(expect, StringComparison.Ordinal);

    /// <summary>The data of the card's Submit button, to send back as the click.</summary>
    public static JsonElement? SubmitData(IReadOnlyList<Activity> replies)
    {
        foreach (var card in replies.SelectMany(reply => reply.Attachments ?? []).Where(a => a.ContentType == Attachment.AdaptiveCardContentType))
        {
            foreach (var action in card.Content is { } content && content.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : default)
            {
                // Other cards (the filed ticket's) carry actions of their own, without an intake verb.
                if (action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("intake", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == "submit")
                {
                    return action.GetProperty("data").Clone();
                }
            }
        }

        return null;
    }
}
