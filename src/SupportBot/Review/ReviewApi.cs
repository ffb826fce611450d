using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary>
/// The weekly review: its figures (<c>GET /api/review/weekly?team=KEY&amp;week=2026-W48</c>, under the admin key), the
/// Monday card to each team's leads and to the administrators, and the signed review page the card links to.
/// </summary>
internal static class ReviewApi
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReviewOptions, ReviewOptionsValidator>(ReviewOptions.SectionName);
        services.AddSingleton<ReviewCalendar>();
        services.AddSingleton<WeeklyReviewer>();
        services.AddSingleton<ReviewPresenter>();
        services.AddSingleton<ReviewLinks>();
        services.AddSingleton<ReviewSender>();
        services.AddSingleton<ReviewDelivery>();
        services.AddSingleton<IOutboxHandler>(provider => provider.GetRequiredService<ReviewDelivery>());
        services.AddSingleton<ReviewSchedule>();
        services.AddHostedService(provider => provider.GetRequiredService<ReviewSchedule>());
        return services;
    }

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapReviewPage();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            endpoints.MapGroup("/api/review").AddEndpointFilter<AdminApiKeyFilter>().MapGet("/weekly", Weekly);
        }

        return endpoints;
    }

    private static Results<Ok<WeeklyReview>, ProblemHttpResult> Weekly([FromServices] WeeklyReviewer reviewer, [FromServices] SupportRoster roster, string? team, string? week)
    {
        if (team is not null && roster.FindTeam(team) is null)
        {
            return Problem("Unknown team", $"There is no team '{team}'.");
        }

        if (week is null || reviewer.WeekOf(week, team) is null)
        {
            return Problem("Bad week", "week is an ISO week such as 2026-W48, read in the team's time zone.");
        }

        return TypedResults.Ok(reviewer.Review(week, team is null ? null : roster.FindTeam(team)!.Key));
    }

    private static ProblemHttpResult Problem(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
