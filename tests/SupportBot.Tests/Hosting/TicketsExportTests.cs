using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;

namespace SupportBot.Tests.Hosting;

/// <summary>GET /api/tickets/export: the tickets of a period as CSV or JSON lines, for checking figures in a spreadsheet.</summary>
public sealed class TicketsExportTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_csv_holds_exactly_the_tickets_of_the_period_and_team_with_a_formula_title_made_harmless()
    {
        var before = await SubmitAsync("software", "CRM cannot save");
        _app.Time.Advance(TimeSpan.FromDays(1));
        var formula = await SubmitAsync("software", "=HYPERLINK(\"http://evil.example\",\"click\")");
        var hardware = await SubmitAsync("hardware", "Printer jams");
        _app.Time.Advance(TimeSpan.FromDays(1));
        await SubmitAsync("software", "After the period");

        var csv = await _app.CreateAdminClient().GetStringAsync(new Uri("/api/tickets/export?from=2026-11-24&to=2026-11-25&team=apps&format=csv", UriKind.Relative));

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("number,submittedAt,team,category,priority,status,assignee,system,firstResponseAt", lines[0], StringComparison.Ordinal);
        Assert.Equal([formula.Number], lines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.EndsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",firstResponse:open;", lines[1], StringComparison.Ordinal);
        Assert.NotEqual(before.Team, hardware.Team);
    }

    [Fact]
    public async Task Json_lines_carry_the_same_rows_for_the_whole_desk()
    {
        var first = await SubmitAsync("software", "CRM cannot save");
        var second = await SubmitAsync("hardware", "Printer jams");

        var jsonl = await _app.CreateAdminClient().GetStringAsync(new Uri("/api/tickets/export?format=jsonl", UriKind.Relative));

        var rows = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([first.Number, second.Number], rows.Select(row => row.GetProperty("number").GetString()));
        Assert.Equal(["apps", "desktop"], rows.Select(row => row.GetProperty("team").GetString()));
    }

    [Theory]
    [InlineData("/api/tickets/export?format=xlsx")]
    [InlineData("/api/tickets/export?from=last-week")]
    [InlineData("/api/tickets/export?from=2026-11-25&to=2026-11-24")]
    [InlineData("/api/tickets/export?team=nobody")]
    [InlineData("/api/tickets/export?category=gardening")]
    public async Task A_bad_filter_is_a_400_problem(string url)
    {
        var response = await _app.CreateAdminClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_the_admin_key_nothing_is_exported()
    {
        var ticket = await SubmitAsync("software", "CRM cannot save");

        var response = await _app.CreateClient().GetAsync(new Uri("/api/tickets/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(ticket.Number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<Ticket> SubmitAsync(string category, string title) =>
        _app.Services.GetRequiredService<TicketService>().SubmitAsync(
            TestTickets.Draft(category) with { Title = title },
            new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));
}
