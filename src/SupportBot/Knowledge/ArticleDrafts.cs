using SupportBot.Tickets;

namespace SupportBot.Knowledge;

/// <summary>
/// The knowledge article a closed ticket would make (issue 20, deliverable 1): what went wrong in the ticket's specific
/// words, on which system and version, the cause the engineer marked, the steps that fixed it, and the ticket it came
/// from. Derived from the ticket each time, so the draft on a card is always the ticket as it now stands.
/// </summary>
internal static class ArticleDrafts
{
    public static ArticleText Compose(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new ArticleText
        {
            Title = ticket.Title,
            Problem = ticket.Description.Specific,
            Cause = ticket.CauseNote()?.Text,
            Solution = Steps(ticket),
            System = ticket.AffectedSystem?.Name,
            SystemVersion = ticket.AffectedSystem?.Version,
            Category = ticket.Category,
            Scope = ticket.Environment,
        };
    }

    /// <summary>The language the ticket's words are in: the reporter's, in which the description was composed.</summary>
    public static string Language(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Reporter.Locale;
    }

    /// <summary>A new article from a ticket (the store gives it its id).</summary>
    public static KnowledgeArticle NewArticle(Ticket ticket, ArticleText text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new KnowledgeArticle
        {
            Id = "",
            Text = text,
            Language = Language(ticket),
            Tickets = [ticket.Number],
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>
    /// <paramref name="article"/> with the ticket added as a new version: its cause and solution join the article's when
    /// they say something new, the ticket joins the linked tickets, and the text before stays in the history.
    /// </summary>
    public static KnowledgeArticle Merged(KnowledgeArticle article, Ticket ticket, ArticleText draft, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(draft);
        var text = article.Text with
        {
            Cause = Joined(article.Text.Cause, draft.Cause, ticket.Number),
            Solution = Joined(article.Text.Solution, draft.Solution, ticket.Number)!,
            Scope = Joined(article.Text.Scope, draft.Scope, ticket.Number),
            SystemVersion = article.Text.SystemVersion ?? draft.SystemVersion,
        };
        return article.Edited(text, by, at) with { Tickets = [.. article.Tickets.Append(ticket.Number).Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>The plan, the steps carried out and the final solution, numbered, each said once.</summary>
    private static string Steps(Ticket ticket)
    {
        var steps = new[] { ticket.Plan?.Text }
            .Concat(ticket.ImplementationLog.Select(step => step.Text))
            .Append(ticket.Resolution?.FinalSolution)
            .OfType<string>()
            .Select(step => step.Trim())
            .Where(step => step.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return steps.Count switch
        {
            0 => "",
            1 => steps[0],
            _ => string.Join("\n", steps.Select((step, i) => $"{i + 1}. {step}")),
        };
    }

    private static string? Joined(string? known, string? added, string number) =>
        string.IsNullOrWhiteSpace(added) || known?.Contains(added.Trim(), StringComparison.Ordinal) == true ? known
        : string.IsNullOrWhiteSpace(known) ? added.Trim()
        : $"{known}\n\n{number}: {added.Trim()}";
}
