using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Knowledge;
using SupportBot.Localization;
using SupportBot.Review;

namespace SupportBot.BrowserTests;

/// <summary>The weekly review card for the catalogue: a team's week with every section filled, and the administrators' with self-service.</summary>
internal static class ReviewCards
{
    public static JsonObject Team(IServiceProvider services, string locale) => Render(services, locale, Week("apps", "2026-W48", 7, deflection: null), Week("apps", "2026-W47", 4, deflection: null));

    public static JsonObject Desk(IServiceProvider services, string locale) =>
        Render(services, locale, Week(null, "2026-W48", 19, new DeflectionSummary(12, 5, 4, [])), Week(null, "2026-W47", 15, new DeflectionSummary(9, 3, 3, [])));

    private static JsonObject Render(IServiceProvider services, string locale, WeekFigures week, WeekFigures previous)
    {
        var localizer = services.GetRequiredService<Localizer>();
        var view = services.GetRequiredService<ReviewPresenter>().Present(new WeeklyReview(week, previous), locale);
        return ReviewCard.Render(view, new Uri("https://support.contoso.com/review/weekly?t=abc.def&lang=" + locale), localizer.Get(locale, "review.open"), key => localizer.Get(locale, key));
    }

    private static WeekFigures Week(string? team, string name, int opened, DeflectionSummary? deflection) => new()
    {
        Week = name,
        From = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8)),
        To = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8)),
        Team = team,
        Opened = opened,
        Closed = opened - 2,
        ByCategory = [new("software", opened - 2), new("permission", 2)],
        ByPriority = [new("high", 2), new("medium", opened - 2)],
        ClosedByCategory = [new("software", opened - 2)],
        ClosedByPriority = [new("medium", opened - 2)],
        RecurringProblems = [new RecurringProblem("OA", "E005", 3, ["TS-20261123-001", "TS-20261124-002", "TS-20261126-001"]) { By = "errorCode", Title = "OA *审批* [按钮](http://x) 无响应" }],
        TopSystems = [new("OA", 4), new("CRM", 2)],
        FirstResponse = new(opened, 9.5, 14),
        Assignment = new(opened, 31, 55),
        Resolution = new(opened - 2, 600, 1500),
        Compliance = [new("FirstResponse", opened, opened - 1, Math.Round((opened - 1.0) / opened, 4)), new("Assignment", opened, opened, 1)],
        ReopenRate = 0.1,
        Satisfaction = [new("Satisfied", 3), new("Unsatisfied", 1)],
        Comments = ["很快就解决了", "Took **too** long <script>"],
        Deflection = deflection,
    };
}
