using SupportBot.BotFramework.Schema;

namespace SupportBot.Common;

internal static class SharedConversations
{
    /// <summary>A Teams channel or group chat: many people read and write in one conversation.</summary>
    public static bool IsShared(Activity activity) =>
        activity?.Conversation is { } conversation && (conversation.IsGroup == true || conversation.ConversationType is "channel" or "groupChat");
}
