namespace SupportBot.Knowledge;

/// <summary>
/// A knowledge-base article: what went wrong, why, and how it was fixed, with the tickets it was learnt from.
/// Immutable like tickets; a change is saved through <see cref="IKnowledgeStore.SaveAsync"/> against <see cref="Version"/>,
/// and the text it replaced stays in <see cref="History"/>.
/// </summary>
internal sealed record KnowledgeArticle
{
    /// <summary>"KB-000123"; empty on an article not saved yet (the store gives it one).</summary>
    public required string Id { get; init; }

    public int Version { get; init; }

    /// <summary>The store's change counter at this article's last save: what the search index catches up from.</summary>
    public long Sequence { get; init; }

    public required ArticleText Text { get; init; }

    public required string Language { get; init; }

    /// <summary>The ticket numbers this article was written from.</summary>
    public IReadOnlyList<string> Tickets { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Earlier texts, oldest first: an edit never loses what the article said before.</summary>
    public IReadOnlyList<ArticleRevision> History { get; init; } = [];

    /// <summary>This article with <paramref name="text"/> as its new text and the old one kept in the history.</summary>
    public KnowledgeArticle Edited(ArticleText text, string by, DateTimeOffset at) => this with
    {
        Text = text,
        UpdatedAt = at,
        History = [.. History, new ArticleRevision { Version = Version, Text = Text, By = by, At = at }],
    };
}

/// <summary>The words of an article: what people search, edit and import.</summary>
internal sealed record ArticleText
{
    public required string Title { get; init; }
    public required string Problem { get; init; }
    public string? Cause { get; init; }
    public required string Solution { get; init; }
    public string? System { get; init; }
    public string? SystemVersion { get; init; }
    public string? Category { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>The text an article had up to version <see cref="Version"/>, replaced by <see cref="By"/> at <see cref="At"/>.</summary>
internal sealed record ArticleRevision
{
    public required int Version { get; init; }
    public required ArticleText Text { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
}
