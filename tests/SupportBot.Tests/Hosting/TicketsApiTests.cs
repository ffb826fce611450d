using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;

namespace SupportBot.Tests.Hosting;

public sealed class TicketsApiTests
{
    [Fact]
    public async Task Healthz_AnswersHealthy()
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-admin-key-7f3")]
    public async Task GetTicket_WithoutTheRightKey_Is401ProblemAndRevealsNothing(string? key)
    {
        await using var app = new SupportBotApplication();
        var number = (await SubmitAsync(app)).Number;
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.GetAsync(new Uri($"/api/tickets/{number}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTicket_MalformedNumber_Is400SayingTheExpectedFormat()
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateAdminClient().GetAsync(new Uri("/api/tickets/TS-2026-1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("TS-20260115-001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTicket_UnknownNumber_Is404()
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateAdminClient().GetAsync(new Uri("/api/tickets/TS-20261123-999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetTicket_KnownNumberInAnyCase_ReturnsTheTicketWithItsDeadlines()
    {
        await using var app = new SupportBotApplication();
        var ticket = await SubmitAsync(app);

        var view = await app.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket.Number.ToLowerInvariant()}");

        Assert.Equal(ticket.Number, view.GetProperty("ticket").GetProperty("number").GetString());
        Assert.Equal("accepted", view.GetProperty("ticket").GetProperty("status").GetString());
        var kinds = view.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["firstResponse", "assignment", "engineerResponse"], kinds);
    }

    [Fact]
    public async Task ListTickets_FilteredByStatusAndTeam_ReturnsOnlyThose()
    {
        await using var app = new SupportBotApplication();
        var queued = await SubmitAsync(app, "hardware");
        await SubmitAsync(app, "software");

        var list = await app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/tickets?status=submitted&team=desktop");

        Assert.Equal([queued.Number], list.EnumerateArray().Select(v => v.GetProperty("ticket").GetProperty("number").GetString()));
    }

    [Theory]
    [InlineData("/api/tickets?status=sleeping")]
    [InlineData("/api/tickets?limit=0")]
    [InlineData("/api/tickets?limit=abc")]
    public async Task ListTickets_BadFilter_Is400(string url)
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateAdminClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_WithNoKeyConfigured_IsNotServedAtAll()
    {
        await using var app = new SupportBotApplication(new Dictionary<string, string?> { ["Admin:ApiKey"] = "" });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "");

        var response = await client.GetAsync(new Uri("/api/tickets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<Ticket> SubmitAsync(SupportBotApplication app, string category = "software")
    {
        var service = app.Services.GetRequiredService<TicketService>();
        return service.SubmitAsync(TestTickets.Draft(category), new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));
    }
}
