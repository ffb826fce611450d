using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Knowledge.Search;
using SupportBot.Localization;

namespace SupportBot.Knowledge;

/// <summary>The knowledge base for administrators' tools, behind the admin API key: search, import, export.</summary>
internal static class KnowledgeApi
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
        group.MapGet("/articles/{id}", GetArticle);
        group.MapPut("/articles/{id}", EditArticleAsync);
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

    private static Results<Ok<KnowledgeArticle>, ProblemHttpResult> GetArticle(string id, [FromServices] IKnowledgeStore store) =>
        store.Find(id) is { } article
            ? TypedResults.Ok(article)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found", detail: $"There is no article {id}.");

    /// <summary>
    /// A new text for an article, sent with the version it was edited from (one JSON line's fields plus <c>version</c>
    /// and <c>by</c>): the old text goes into the history; someone else's edit in between is a 409, never overwritten.
    /// </summary>
    private static async Task<Results<Ok<KnowledgeArticle>, ProblemHttpResult>> EditArticleAsync(
        string id, HttpRequest request, [FromServices] IKnowledgeStore store, [FromServices] TimeProvider time)
    {
        if (store.Find(id) is not { } stored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found", detail: $"There is no article {id}.");
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync();
        var (article, reason) = ArticleLines.ReadOne(json, time.GetUtcNow());
        if (article is null)
        {
            return Problem("Bad article", reason!);
        }

        var edit = JsonSerializer.Deserialize<ArticleEdit>(json, ArticleLines.Json);
        if (edit?.Version is not { } version || string.IsNullOrWhiteSpace(edit.By))
        {
            return Problem("Bad article", "version (the one edited) and by (who edits) are required.");
        }

        var saved = version == stored.Version
            ? await store.SaveAsync(stored.Edited(article.Text, edit.By, time.GetUtcNow()) with { Language = article.Language })
            : null;
        return saved is not null
            ? TypedResults.Ok(saved)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edited meanwhile", detail: $"Article {id} is at version {store.Find(id)?.Version}; edit that one.");
    }

    private sealed record ArticleEdit(int? Version, string? By);

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
