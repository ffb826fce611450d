using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets.Lifecycle;

internal static class TicketRoles
{
    /// <summary>
    /// What <paramref name="actor"/> is to <paramref name="ticket"/>. An engineer who reported a ticket
    /// themselves acts on it as its reporter: the reporter's rights are the ones that concern them there.
    /// </summary>
    public static TicketRole RoleOf(Actor actor, Ticket ticket, SupportRoster roster)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(roster);

        if (actor.IsSystem)
        {
            return TicketRole.System;
        }

        if (actor.Id == ticket.Reporter.Id)
        {
            return TicketRole.Reporter;
        }

        if (roster.IsAdmin(actor.Id))
        {
            return TicketRole.Admin;
        }

        if (roster.IsLead(actor.Id))
        {
            return TicketRole.Lead;
        }

        if (roster.IsMemberOf(actor.Id, ticket.Team))
        {
            return TicketRole.TeamEngineer;
        }

        if (ticket.CoHandlers.Contains(actor.Id) && roster.FindEngineer(actor.Id) is not null)
        {
            return TicketRole.CoHandler;
        }

        return roster.FindEngineer(actor.Id) is null ? TicketRole.Stranger : TicketRole.OtherEngineer;
    }
}
