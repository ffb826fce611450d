using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;

namespace SupportBot.WebChat;

/// <summary>
/// A web conversation a ticket was filed from is the customer's ticket channel: the engineer's questions, approvals
/// and the verification card go there. It outlives the idle timeout while any of those tickets is open; once all are
/// closed or cancelled the ordinary idle rule ends it.
/// </summary>
internal sealed class OpenTicketRetention(ITicketStore tickets) : IConversationRetention
{
    public Task<bool> KeepAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(tickets.AnyOpenFiledFrom(new ConversationAddress(Channels.WebChat, conversationId)));
}
