namespace SupportBot.Tickets;

/// <summary>A file kept with a ticket, opened for reading.</summary>
internal sealed record KeptFile(string Name, string ContentType, Stream Content);

/// <summary>
/// Files attached to tickets, kept for as long as the ticket. A channel's own copy may not last that long (a web
/// chat upload is deleted with its conversation), so what a reporter attaches is copied here when it joins a ticket.
/// </summary>
internal interface ITicketFiles
{
    /// <summary>
    /// The files as the ticket keeps them: uploads of the conversation <paramref name="from"/> are copied into ticket
    /// storage (inside the turn's transaction) and linked there; other links (a Teams file) stay as they are.
    /// </summary>
    IReadOnlyList<AttachmentRef> Keep(IReadOnlyList<AttachmentRef> files, ConversationAddress? from);

    /// <summary>The kept file with this id, or null.</summary>
    KeptFile? Open(string id);
}
