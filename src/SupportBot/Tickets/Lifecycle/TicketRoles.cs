using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets.Lifecycle;

internal static class TicketRoles
{
    /// <summary>
    /// What <paramref name="actor"/> is to <paramref name="ticket"/> (for <paramref name="action"/>, when one is being
    /// taken). An engineer who reported a ticket themselves acts on it as its reporter: the reporter's rights are the
    /// ones that concern them there. An engineer who filed it for a caller and speaks for them (report for …) is the
    /// caller's voice only on the reporter's own steps; everywhere else their team gives them their engineering role.
    /// </summary>
    public static TicketRole RoleOf(Actor actor, Ticket ticket, SupportRoster roster, TicketAction? action = null)
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
            var speaksForCaller = ticket.OnBehalf is { CallerVoice: true } filed && filed.FiledById == actor.Id;
            return speaksForCaller && !(action is { } step && TicketLifecycle.IsReporterOnly(step)) && EngineeringRole(actor, ticket, roster) is { } role
                ? role
                : TicketRole.Reporter;
        }

        return EngineeringRole(actor, ticket, roster)
            ?? (ticket.CoHandlers.Contains(actor.Id) && roster.FindEngineer(actor.Id) is not null ? TicketRole.CoHandler
                : roster.FindEngineer(actor.Id) is null ? TicketRole.Stranger : TicketRole.OtherEngineer);
    }

    /// <summary>The role that acts on the ticket's lifecycle, if the actor has one: admin, lead, or the ticket's team.</summary>
    private static TicketRole? EngineeringRole(Actor actor, Ticket ticket, SupportRoster roster)
    {
        if (roster.IsAdmin(actor.Id))
        {
            return TicketRole.Admin;
        }

        if (roster.IsLead(actor.Id))
        {
            return TicketRole.Lead;
        }

        return roster.IsMemberOf(actor.Id, ticket.Team) ? TicketRole.TeamEngineer : null;
    }
}
