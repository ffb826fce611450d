using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Localization;

namespace SupportBot.Knowledge;

/// <summary>One line of an import or export file: an article's text and facts, as administrators' tools spell them.</summary>
internal sealed record ArticleLine
{
    public string? Id { get; init; }
    public int? Version { get; init; }
    public string? Title { get; init; }
    public string? Problem { get; init; }
    public string? Cause { get; init; }
    public string? Solution { get; init; }
    public string? System { get; init; }
    public string? SystemVersion { get; init; }
    public string? Category { get; init; }
    public string? Scope { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? Tickets { get; init; }

    public static ArticleLine Of(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = article.Text;
        return new ArticleLine
        {
            Id = article.Id, Version = article.Version, Title = text.Title, Problem = text.Problem, Cause = text.Cause, Solution = text.Solution,
            System = text.System, SystemVersion = text.SystemVersion, Category = text.Category, Scope = text.Scope,
            Language = article.Language, Tags = text.Tags, Tickets = article.Tickets,
        };
    }
}

/// <summary>A line of an import that cannot be taken, and why.</summary>
internal sealed record BadLine(int Line, string Reason);

/// <summary>
/// Reads an import file (JSON lines) all or nothing: either every non-blank line is an article, or the bad lines are
/// named and nothing is imported. Ids and versions in the file are ignored: the store numbers what it takes.
/// </summary>
internal static class ArticleLines
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<(IReadOnlyList<KnowledgeArticle> Articles, IReadOnlyList<BadLine> Bad)> ReadAsync(Stream body, DateTimeOffset now)
    {
        var articles = new List<KnowledgeArticle>();
        var bad = new List<BadLine>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (article, reason) = ReadOne(line, now);
            if (article is null)
            {
                bad.Add(new BadLine(number, reason!));
                continue;
            }

            articles.Add(article);
        }

        if (articles.Count == 0 && bad.Count == 0)
        {
            bad.Add(new BadLine(0, "the file has no articles"));
        }

        return (articles, bad);
    }

    /// <summary>One article from one JSON object, or why it cannot be one.</summary>
    public static (KnowledgeArticle? Article, string? Reason) ReadOne(string json, DateTimeOffset now)
    {
        ArticleLine? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ArticleLine>(json, Json);
        }
        catch (JsonException)
        {
            return (null, "not a JSON object");
        }

        var reason = parsed is null ? "not a JSON object" : Problem(parsed);
        return reason is null ? (ArticleOf(parsed!, now), null) : (null, reason);
    }

    private static string? Problem(ArticleLine line)
    {
        static bool Missing(string? value) => string.IsNullOrWhiteSpace(value);
        if (Missing(line.Title) || Missing(line.Problem) || Missing(line.Solution))
        {
            return "title, problem and solution are required";
        }

        if (line.Title!.Length > MaxTitle)
        {
            return $"title is longer than {MaxTitle} characters";
        }

        if (new[] { line.Problem, line.Cause, line.Solution, line.Scope }.Any(text => text?.Length > MaxText))
        {
            return $"a text is longer than {MaxText} characters";
        }

        return line.Language is not (Localizer.English or Localizer.Chinese)
            ? $"language must be {Localizer.English} or {Localizer.Chinese}"
            : null;
    }

    private static KnowledgeArticle ArticleOf(ArticleLine line, DateTimeOffset now) => new()
    {
        Id = "",
        Language = line.Language!,
        CreatedAt = now,
        UpdatedAt = now,
        Tickets = line.Tickets ?? [],
        Text = new ArticleText
        {
            Title = line.Title!.Trim(),
            Problem = line.Problem!.Trim(),
            Cause = line.Cause?.Trim(),
            Solution = line.Solution!.Trim(),
            System = line.System?.Trim(),
            SystemVersion = line.SystemVersion?.Trim(),
            Category = line.Category?.Trim(),
            Scope = line.Scope?.Trim(),
            Tags = line.Tags ?? [],
        },
    };
}
