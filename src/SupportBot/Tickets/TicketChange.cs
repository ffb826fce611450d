using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Tickets;

internal enum TicketChangeOutcome
{
    Applied,

    /// <summary>The lifecycle refused: see <see cref="TicketChange.Decision"/> for why.</summary>
    Refused,

    /// <summary>The ticket moved on since the caller read it (a double click, two engineers at once).</summary>
    Stale,

    NotFound,
}

/// <summary>The result of asking the ticket service to do something: the ticket as it now stands, and why.</summary>
internal sealed record TicketChange(TicketChangeOutcome Outcome, Ticket? Ticket, LifecycleDecision? Decision)
{
    public bool Applied => Outcome == TicketChangeOutcome.Applied;
}
