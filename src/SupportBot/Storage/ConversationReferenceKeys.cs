using SupportBot.BotFramework.Schema;

namespace SupportBot.Storage;

/// <summary>
/// How a conversation reference is looked up, whichever engine keeps it: by conversation, and for a personal chat also
/// by the user's channel id, by their AAD object id (Teams people are known by it: the roster, tickets), and by their
/// name (filing for someone finds a Teams user by the name the engineer typed).
/// </summary>
internal sealed record ConversationReferenceKeys(string Key, string? PersonalUser, string? PersonalAad, string? PersonalName)
{
    public static ConversationReferenceKeys Of(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var personal = reference.Conversation?.IsGroup != true && reference.User?.Id is { } user ? $"{reference.ChannelId}|{user}" : null;
        return new(
            Conversation(reference.ChannelId, reference.Conversation?.Id),
            personal,
            personal is not null && reference.User?.AadObjectId is { } aad ? User(reference.ChannelId, aad) : null,
            personal is not null && reference.User?.AadObjectId is not null && reference.User.Name is { Length: > 0 } name ? Name(reference.ChannelId, name) : null);
    }

    public static string Conversation(string? channelId, string? conversationId) => $"{channelId}|{conversationId}";

    public static string User(string? channelId, string userId) => $"{channelId}|{userId}";

    public static string Name(string? channelId, string name) => $"{channelId}|{name.Trim().ToUpperInvariant()}";
}
