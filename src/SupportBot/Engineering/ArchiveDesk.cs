using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// Who decides a closed ticket's knowledge article and what its draft's buttons save: a new article, or the ticket added
/// to an existing one as a new version. Inside a turn the article joins the turn's transaction with the ticket's change.
/// </summary>
internal sealed class ArchiveDesk(SupportRoster roster, IKnowledgeStore articles, IKnowledgeSearch search)
{
    /// <summary>How many similar articles the draft offers to merge into.</summary>
    public const int MergeChoices = 3;

    /// <summary>The assignee while still on the ticket's team, else the team's lead: who gets the draft.</summary>
    public static string? DrafterOf(SupportRoster roster, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(ticket);
        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        return ticket.Assignee is { } assignee && members.Any(m => m.Id == assignee)
            ? assignee
            : members.FirstOrDefault(m => m.IsLead)?.Id;
    }

    /// <summary>Only the ticket's assignee or a lead of its own team answers the draft (a lead of another team does not).</summary>
    public bool MayDecide(Ticket ticket, string? actorId)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        return actorId is not null && members.Any(m => m.Id == actorId && (m.IsLead || m.Id == ticket.Assignee));
    }

    /// <summary>The articles most like the ticket: the ones it might rather join than repeat.</summary>
    public IReadOnlyList<KnowledgeHit> Similar(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return search.Search($"{ticket.Title}\n{ticket.Description.Specific}", ArticleDrafts.Language(ticket), MergeChoices);
    }

    public KnowledgeArticle? Find(string id) => articles.Find(id);

    /// <summary>Saves the ticket as a new article; its id.</summary>
    public string Publish(Ticket ticket, ArticleText text, DateTimeOffset at) =>
        Saved(articles.SaveAsync(ArticleDrafts.NewArticle(ticket, text, at)), "new article").Id;

    /// <summary>Adds the ticket to article <paramref name="id"/> as its next version, the text before kept in its history.</summary>
    public string Merge(Ticket ticket, string id, string by, DateTimeOffset at)
    {
        var article = articles.Find(id) ?? throw new InvalidOperationException($"Article {id} disappeared while {ticket.Number} was merged into it.");
        return Saved(articles.SaveAsync(ArticleDrafts.Merged(article, ticket, ArticleDrafts.Compose(ticket), by, at)), id).Id;
    }

    /// <summary>
    /// Inside a turn (a button) or a job's unit of work the save only joins the pending transaction, so it is complete
    /// at once; it fails (and the whole turn with it) only when someone else saved the same article in between.
    /// </summary>
    private static KnowledgeArticle Saved(Task<KnowledgeArticle?> save, string what)
    {
        if (!save.IsCompleted)
        {
            throw new InvalidOperationException("An archive decision saves its article inside the turn's transaction.");
        }

        return save.Result ?? throw new InvalidOperationException($"Article {what} was changed by someone else first.");
    }
}
