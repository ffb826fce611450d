using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Hosting;
using SupportBot.Knowledge.Search;
using SupportBot.Localization;

namespace SupportBot.Knowledge;

/// <summary>The knowledge base for administrators' tools, behind the admin API key: search, import, export.</summary>
public static class KnowledgeApi
{
    public const int MaxQueryLength = 500;
    public const int MaxTop = 20;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        var group = endpoints.MapGroup("/api/kb").AddEndpointFilter<AdminApiKeyFilter>();
        group.MapGet("/search", Search);
        group.MapPost("/import", ImportAsync);
        group.MapGet("/export", Export);
        group.MapGet("/deflection", Deflection);
        return endpoints;
    }

    /// <summary>A found article as the API shows it.</summary>
    public sealed record SearchResult(string Id, string Title, double Score, double Confidence, string? System, string? Ticket, string Snippet, string Language);

    private static Results<Ok<IReadOnlyList<SearchResult>>, ProblemHttpResult> Search([FromServices] IKnowledgeSearch search, string? q, string? locale, int? top)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
        {
            return Problem("Bad query", $"q is required, at most {MaxQueryLength} characters.");
        }

        if (locale is not null and not (Localizer.English or Localizer.Chinese))
        {
            return Problem("Unknown locale", $"locale must be {Localizer.English} or {Localizer.Chinese}.");
        }

        if (top is < 1 or > MaxTop)
        {
            return Problem("Bad top", $"top must be between 1 and {MaxTop}.");
        }

        var hits = search.Search(q, locale ?? Localizer.LanguageOf(q), top ?? 5);
        return TypedResults.Ok<IReadOnlyList<SearchResult>>([.. hits.Select(hit =>
            new SearchResult(hit.Id, hit.Title, Math.Round(hit.Score, 4), hit.Confidence, hit.System, hit.Ticket, hit.Snippet, hit.Language))]);
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, [FromServices] IKnowledgeStore store, [FromServices] TimeProvider time)
    {
        var (articles, bad) = await ArticleLines.ReadAsync(request.Body, time.GetUtcNow());
        if (bad.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Bad import lines",
                detail: $"Nothing was imported: {bad.Count} line(s) cannot be read ({string.Join(", ", bad.Take(20).Select(line => line.Line))}).",
                extensions: new Dictionary<string, object?> { ["lines"] = bad });
        }

        var saved = await store.ImportAsync(articles);
        return TypedResults.Ok(new ImportResult(saved.Count, [.. saved.Select(article => article.Id)]));
    }

    public sealed record ImportResult(int Imported, IReadOnlyList<string> Ids);

    /// <summary>Every article as JSON lines, written as it is read, so a large base is never held whole in memory.</summary>
    private static PushStreamHttpResult Export([FromServices] IKnowledgeStore store) => TypedResults.Stream(async body =>
    {
        foreach (var article in store.All())
        {
            await JsonSerializer.SerializeAsync(body, ArticleLine.Of(article), ArticleLines.Json);
            await body.WriteAsync(NewLine);
        }
    }, contentType: "application/x-ndjson", fileDownloadName: "knowledge.jsonl");

    /// <summary>Offers and self-service in [from, to) (ISO dates or instants; default the last 7 days).</summary>
    private static Results<Ok<DeflectionSummary>, ProblemHttpResult> Deflection([FromServices] DeflectionStats stats, [FromServices] TimeProvider time, DateTimeOffset? from, DateTimeOffset? to)
    {
        // Up to and including this instant when no end is given: an offer made just now counts.
        var end = to ?? time.GetUtcNow().AddTicks(1);
        var start = from ?? end.AddDays(-7);
        return start < end ? TypedResults.Ok(stats.For(start, end)) : Problem("Bad period", "from must be before to.");
    }

    private static ProblemHttpResult Problem(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
