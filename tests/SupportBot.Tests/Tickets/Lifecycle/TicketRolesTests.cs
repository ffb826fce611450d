using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tests.Tickets.Lifecycle;

public sealed class TicketRolesTests
{
    // From the sample roster: apps team engineer, network team engineer, apps lead, admin.
    private const string AppsEngineer = "9f1c2d3e-0004-4000-8000-000000000003";
    private const string NetworkEngineer = "9f1c2d3e-0002-4000-8000-000000000002";
    private const string NetworkLead = "9f1c2d3e-0002-4000-8000-000000000001";
    private const string AdminId = "00000000-0000-0000-0000-0000000000ad";

    [Theory]
    [InlineData(AppsEngineer, TicketRole.TeamEngineer)]
    [InlineData(NetworkEngineer, TicketRole.OtherEngineer)]
    [InlineData(NetworkLead, TicketRole.Lead)]
    [InlineData(AdminId, TicketRole.Admin)]
    [InlineData("aad-reporter-1", TicketRole.Reporter)]
    [InlineData("someone-else", TicketRole.Stranger)]
    [InlineData("system", TicketRole.System)]
    public void RoleOf_PersonAndAppsTicket_IsWhatTheyAreToThatTicket(string actorId, TicketRole expected)
    {
        using var services = SampleConfiguration.Services(TimeProvider.System);
        var roster = services.GetRequiredService<SupportRoster>();

        var role = TicketRoles.RoleOf(new Actor(actorId, "x"), TestTickets.Ticket(team: "apps"), roster);

        Assert.Equal(expected, role);
    }
}
