namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The application's say over idle cleanup: a conversation it still needs (one a customer's open ticket reports to,
/// say) is kept however long it has been quiet. Asked only about conversations already past the idle timeout.
/// </summary>
public interface IConversationRetention
{
    Task<bool> KeepAsync(string conversationId, CancellationToken cancellationToken);
}
