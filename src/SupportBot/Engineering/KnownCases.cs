using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;
using SupportBot.Localization;
using SupportBot.Tickets;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Engineering;

/// <summary>
/// "Known cases" on an engineer's ticket card (seeds: check the knowledge base and history first): up to three
/// articles and three recent tickets of the same team that look like the same problem.
/// </summary>
internal sealed class KnownCases(IKnowledgeSearch search, Localizer localizer, IOptions<KnowledgeOptions> options)
{
    public const int Shown = 3;
    private const int Remembered = 2_000;

    // One version of a ticket is drawn for several people (triage channel, assignee, lead) in a row: searched once.
    private readonly ConcurrentDictionary<(string Number, int Version), Found> _found = new();

    private sealed record Found(IReadOnlyList<KnowledgeHit> Articles, IReadOnlyList<SimilarTicket> Tickets);

    private (IReadOnlyList<KnowledgeHit> Articles, IReadOnlyList<SimilarTicket> Tickets) Find(Ticket ticket)
    {
        var key = (ticket.Number, ticket.Version);
        if (!_found.TryGetValue(key, out var found))
        {
            var floor = options.Value.CardConfidence;
            found = new Found(
                [.. search.Search($"{ticket.Title}\n{ticket.Description.Specific}", ticket.Reporter.Locale, Shown).Where(hit => hit.Confidence >= floor)],
                [.. search.SimilarTickets(ticket, Shown).Where(similar => similar.Confidence >= floor)]);
            if (_found.Count >= Remembered)
            {
                _found.Clear();
            }

            _found[key] = found;
        }

        return (found.Articles, found.Tickets);
    }

    public IEnumerable<JsonObject> Section(Ticket ticket, string locale)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (articles, tickets) = Find(ticket);
        if (articles.Count == 0 && tickets.Count == 0 && ticket.OfferedArticles.Count == 0)
        {
            yield break;
        }

        yield return Text(localizer.Get(locale, "card.knownCases"), weight: "Bolder", spacing: "Medium");
        if (ticket.OfferedArticles.Count > 0)
        {
            yield return Text(localizer.Get(locale, "card.knownCases.offered", string.Join(", ", ticket.OfferedArticles)), size: "Small", spacing: "None");
        }

        foreach (var article in articles)
        {
            yield return Text(localizer.Get(locale, "card.knownCases.article", article.Id, ReporterText.Escape(article.Title)), size: "Small", spacing: "None");
        }

        foreach (var similar in tickets)
        {
            yield return Text(localizer.Get(locale, "card.knownCases.ticket", similar.Number, ReporterText.Escape(similar.Title)), size: "Small", spacing: "None");
        }
    }
}
