using System.Text.Json.Nodes;
using SupportBot.Tickets;

namespace SupportBot.Engineering;

/// <summary>Renders whichever card a post or a pressed button belongs to: the ticket card, a closed ticket's article draft, or one of the reporter's.</summary>
internal sealed class CardRenderer(TicketCard tickets, ReporterCards reporters, ArchiveDraftCard drafts)
{
    public JsonObject Render(CardKind kind, Ticket ticket, CardViewer viewer, CardNotice? notice = null, CardSubmission? retry = null)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return kind switch
        {
            CardKind.Ticket => tickets.Render(ticket, viewer, notice, retry),
            CardKind.ArchiveDraft => drafts.Render(ticket, viewer, notice, retry),
            _ => reporters.Render(kind, ticket, viewer.Target, notice, retry),
        };
    }
}
