using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// GET /api/review/weekly: a week's figures, and the week before's, for one team or the whole desk. The expected
/// figures are computed here from the tickets this test filed and the times it acknowledged them.
/// </summary>
public sealed class WeeklyReviewApiTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private TicketService Tickets => _app.Services.GetRequiredService<TicketService>();

    [Fact]
    public async Task The_review_of_a_week_counts_its_tickets_times_and_recurring_problems_against_the_week_before()
    {
        // Monday 2026-11-23 09:30 in Shanghai: week 48. A week later: week 49.
        var lastWeek = await SubmitAsync("software", "CRM cannot save");
        await SubmitAsync("hardware", "Printer jams");
        _app.Time.Advance(TimeSpan.FromDays(7));
        var first = await SubmitAsync("software", "CRM cannot save");
        var second = await SubmitAsync("software", "CRM cannot save");
        await SubmitAsync("network", "VPN drops");
        var acknowledged = new List<TimeSpan>();
        foreach (var (ticket, after) in new[] { (first, TimeSpan.FromMinutes(10)), (second, TimeSpan.FromMinutes(20)) })
        {
            _app.Time.Advance(after);
            Assert.Equal(TicketChangeOutcome.Applied, Acknowledge(ticket.Number));
            acknowledged.Add(_app.Time.GetUtcNow() - ticket.SubmittedAt);
        }

        var apps = await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/review/weekly?team=apps&week=2026-W49");
        var desk = await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/review/weekly?week=2026-W49");

        var week = apps.GetProperty("week");
        Assert.Equal(("2026-W49", 2), (week.GetProperty("week").GetString(), week.GetProperty("opened").GetInt32()));
        var firstResponse = week.GetProperty("firstResponse");
        Assert.Equal(acknowledged.Average(span => span.TotalMinutes), firstResponse.GetProperty("meanMinutes").GetDouble());
        Assert.Equal(acknowledged.Max().TotalMinutes, firstResponse.GetProperty("p90Minutes").GetDouble());
        var recurring = Assert.Single(week.GetProperty("recurringProblems").EnumerateArray());
        Assert.Equal([first.Number, second.Number], recurring.GetProperty("tickets").EnumerateArray().Select(number => number.GetString()));

        // No system was stated on the tickets: the one their words name is spelled as the catalogue spells it.
        Assert.Null(first.AffectedSystem);
        Assert.Equal("CRM", recurring.GetProperty("system").GetString());
        Assert.Equal(("2026-W48", 1), (apps.GetProperty("previous").GetProperty("week").GetString(), apps.GetProperty("previous").GetProperty("opened").GetInt32()));
        Assert.Equal("apps", lastWeek.Team);
        Assert.Equal(
            [("software", 2), ("network", 1)],
            desk.GetProperty("week").GetProperty("byCategory").EnumerateArray().Select(c => (c.GetProperty("key").GetString(), c.GetProperty("count").GetInt32())));
        Assert.Equal(2, desk.GetProperty("previous").GetProperty("opened").GetInt32());
        Assert.Equal(JsonValueKind.Object, desk.GetProperty("week").GetProperty("deflection").ValueKind);
    }

    [Fact]
    public async Task A_recurring_problem_on_no_system_is_labelled_as_such_in_the_reader_s_language()
    {
        // Two reports of the same error code whose words name no system, in week 48.
        const string Export = "点击导出按钮时提示错误代码E77,导出失败";
        var first = await Tickets.SubmitAsync(TestTickets.Draft() with { Title = "导出失败", Description = new TicketDescription { Specific = Export, Original = "导不出来" } }, new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));
        var second = await Tickets.SubmitAsync(TestTickets.Draft() with { Title = "导出报错", Description = new TicketDescription { Specific = Export, Original = "导出报错" } }, new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));

        var review = await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/review/weekly?week=2026-W48");
        var recurring = Assert.Single(review.GetProperty("week").GetProperty("recurringProblems").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, recurring.GetProperty("system").ValueKind);
        Assert.Equal(("E77", "errorCode"), (recurring.GetProperty("problem").GetString(), recurring.GetProperty("by").GetString()));

        var links = _app.Services.GetRequiredService<SupportBot.Review.ReviewLinks>();
        using var client = _app.CreateClient();
        foreach (var (locale, label) in new[] { ("zh-CN", "（未指明系统）"), ("en-US", "(no system named)") })
        {
            var page = await client.GetStringAsync(new Uri((await links.ForAsync(null, "2026-W48", locale)).PathAndQuery, UriKind.Relative));
            var row = page[page.IndexOf("<section id=\"recurring\">", StringComparison.Ordinal)..];
            Assert.Contains($"<tr><td>{label}</td>", row, StringComparison.Ordinal);
            Assert.Contains(first.Number, row, StringComparison.Ordinal);
            Assert.Contains(second.Number, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_ticket_filed_before_its_problem_was_kept_still_groups_with_a_new_one_of_the_same_problem()
    {
        // Filed now: the analyser's reading is kept on the ticket, so the review need not read the words again.
        const string Printing = "在OA系统中打印审批单时提示错误代码E5021";
        var filed = await Tickets.SubmitAsync(TestTickets.Draft() with { Description = new TicketDescription { Specific = Printing, Original = "打印不了" } }, new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));
        Assert.Equal(("E5021", "oa"), (filed.Description.Slots?.ErrorCode, filed.Description.Slots?.System));

        // Filed by a SupportBot from before: the same problem, nothing kept; the review reads its words.
        var store = _app.Services.GetRequiredService<ITicketStore>();
        var old = await store.CreateAsync(new DateOnly(2026, 11, 23), serial => TestTickets.Ticket($"TS-20261123-{serial:D3}", submittedAt: _app.Time.GetUtcNow()) with
        {
            Description = new TicketDescription { Specific = Printing, Original = "打印报错" },
        });
        Assert.Null(old.Description.Slots);

        var review = await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/review/weekly?week=2026-W48");
        var recurring = Assert.Single(review.GetProperty("week").GetProperty("recurringProblems").EnumerateArray());
        Assert.Equal(("OA", "E5021", "errorCode"), (recurring.GetProperty("system").GetString(), recurring.GetProperty("problem").GetString(), recurring.GetProperty("by").GetString()));
        Assert.Equal([filed.Number, old.Number], recurring.GetProperty("tickets").EnumerateArray().Select(number => number.GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/review/weekly?week=2026-W54")]
    [InlineData("/api/review/weekly?week=48")]
    [InlineData("/api/review/weekly")]
    [InlineData("/api/review/weekly?week=2026-W48&team=nobody")]
    public async Task An_unknown_team_or_a_malformed_week_is_a_400_problem(string url)
    {
        var response = await _app.CreateAdminClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_the_admin_key_there_is_no_review()
    {
        var response = await _app.CreateClient().GetAsync(new Uri("/api/review/weekly?week=2026-W48", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>
    /// Acknowledges as an engineer would: a reminder the advanced clock made due may record itself on the ticket in the
    /// meantime (a new version, so the first try is stale), and the engineer's press on the refreshed card then applies.
    /// </summary>
    private TicketChangeOutcome Acknowledge(string number)
    {
        var outcome = TicketChangeOutcome.Stale;
        for (var tries = 0; tries < 5 && outcome == TicketChangeOutcome.Stale; tries++)
        {
            var current = Tickets.Find(number)!;
            outcome = Tickets.Apply(current, SupportBot.Tickets.Lifecycle.TicketAction.Acknowledge, new Actor(current.Assignee!, "engineer")).Outcome;
        }

        return outcome;
    }

    private Task<Ticket> SubmitAsync(string category, string title) =>
        Tickets.SubmitAsync(TestTickets.Draft(category) with { Title = title }, new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));
}
