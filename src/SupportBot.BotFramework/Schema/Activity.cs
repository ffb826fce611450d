using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity: the one message shape exchanged with every channel. Properties the bot does not
/// model are kept in <see cref="Extra"/> so that nothing a channel sent is lost when an activity is stored or echoed.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? TextFormat { get; init; }
    public string? AttachmentLayout { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? Locale { get; init; }
    public string? Text { get; init; }
    public string? Speak { get; init; }
    public string? InputHint { get; init; }
    public string? Summary { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? Action { get; init; }
    public string? ReplyToId { get; init; }
    public JsonElement? Value { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public string? DeliveryMode { get; init; }
    public string? CallerId { get; init; }

    /// <summary>Properties this type does not model, kept as they came.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A message reply to this activity, addressed back to its sender (no id or timestamp: the channel assigns them).</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, Name = Conversation.Name, IsGroup = Conversation.IsGroup },
        ReplyToId = ReplyableId,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Locale = Locale,
        Text = text,
    };

    /// <summary>What to keep to reach this conversation again later (proactive messages).</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = ReplyableId,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.Ordinal);

    /// <summary>The id a reply may refer to: Direct Line and Web Chat have no message behind a conversationUpdate.</summary>
    private string? ReplyableId => IsType(ActivityTypes.ConversationUpdate) && ChannelId is Channels.DirectLine or Channels.WebChat ? null : Id;
}

/// <summary>The activity types SupportBot acts on; others are ignored, as the protocol asks.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string InstallationUpdate = "installationUpdate";
    public const string EndOfConversation = "endOfConversation";
    public const string Trace = "trace";

    /// <summary>Never on the wire: how a bot hands its invoke answer to the adapter.</summary>
    public const string InvokeResponse = "invokeResponse";
}

public static class Channels
{
    public const string MsTeams = "msteams";
    public const string WebChat = "webchat";
    public const string DirectLine = "directline";
    public const string Emulator = "emulator";
    public const string Test = "test";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}
