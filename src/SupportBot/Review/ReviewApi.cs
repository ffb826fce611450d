using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary><c>GET /api/review/weekly?team=KEY&amp;week=2026-W48</c>: a week's review figures and the week before's, under the admin key.</summary>
internal static class ReviewApi
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<WeeklyReviewer>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
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

        if (week is null || reviewer.WeekOf(week) is null)
        {
            return Problem("Bad week", "week is an ISO week such as 2026-W48.");
        }

        return TypedResults.Ok(reviewer.Review(week, team));
    }

    private static ProblemHttpResult Problem(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
