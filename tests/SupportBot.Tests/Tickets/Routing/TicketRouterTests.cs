using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tests.Tickets.Routing;

public sealed class TicketRouterTests : IDisposable
{
    private const string ZhaoQiang = "9f1c2d3e-0002-4000-8000-000000000001";
    private const string AnnaSchmidt = "9f1c2d3e-0002-4000-8000-000000000002";
    private const string LiuYang = "9f1c2d3e-0002-4000-8000-000000000003";
    private const string ChenJing = "9f1c2d3e-0001-4000-8000-000000000003";

    private readonly ServiceProvider _services = SampleConfiguration.Services(TimeProvider.System);
    private TicketRouter Sut => _services.GetRequiredService<TicketRouter>();

    [Fact]
    public void Route_Urgent_GoesToTheSeniorEvenWhenBusiest()
    {
        var decision = Sut.Route("network", Priority.Urgent, new Dictionary<string, int> { [ZhaoQiang] = 9 });

        Assert.Equal(new RoutingDecision("network", ZhaoQiang, RoutingReason.UrgentToSenior), decision);
    }

    [Fact]
    public void Route_NonUrgent_GoesToTheEngineerWithFewestOpenTicketsAndNeverToTheLead()
    {
        var decision = Sut.Route("network", Priority.High, new Dictionary<string, int> { [AnnaSchmidt] = 3, [LiuYang] = 1 });

        Assert.Equal(new RoutingDecision("network", LiuYang, RoutingReason.LeastLoaded), decision);
    }

    [Fact]
    public void Route_Tie_GoesToTheEngineerListedFirst()
    {
        Assert.Equal(AnnaSchmidt, Sut.Route("network", Priority.Low, new Dictionary<string, int>()).Assignee);
    }

    [Theory]
    [InlineData("howto")]
    [InlineData("consultation")]
    [InlineData("other")]
    public void Route_GuidanceAndOther_GoToTheServiceDesk(string category)
    {
        var decision = Sut.Route(category, Priority.Medium, new Dictionary<string, int> { ["9f1c2d3e-0001-4000-8000-000000000002"] = 2 });

        Assert.Equal(("servicedesk", ChenJing), (decision.Team, decision.Assignee));
    }

    [Fact]
    public void Route_QueueTeam_LeavesNonUrgentUnassignedButStillSendsUrgentToItsSenior()
    {
        Assert.Equal(new RoutingDecision("desktop", null, RoutingReason.TeamQueue), Sut.Route("hardware", Priority.High, new Dictionary<string, int>()));
        Assert.Equal(RoutingReason.UrgentToSenior, Sut.Route("hardware", Priority.Urgent, new Dictionary<string, int>()).Reason);
    }

    public void Dispose() => _services.Dispose();
}
