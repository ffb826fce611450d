using Lucene.Net.Documents;
using SupportBot.Tickets;

namespace SupportBot.Knowledge.Search;

internal static class KnowledgeFields
{
    public const string Kind = "kind";
    public const string Id = "id";
    public const string Title = "title";
    public const string Body = "body";
    public const string Problem = "problem";
    public const string Language = "lang";
    public const string System = "system";
    public const string Code = "code";
    public const string SystemCode = "syscode";
    public const string Symptom = "symptom";
    public const string Ticket = "ticket";
    public const string Team = "team";
    public const string Submitted = "submitted";

    /// <summary>The title's and problem's terms, stored so a hit's confidence needs no second analysis at query time.</summary>
    public const string Terms = "terms";

    public const string ArticleKind = "article";
    public const string TicketKind = "ticket";
}

/// <summary>
/// What the index holds of an article or a ticket: the words to search, and the slots stored as exact terms so the
/// query can ask for the same system and error code. Tickets are there only to find similar recent reports.
/// </summary>
internal static class KnowledgeDocuments
{
    public static Document Of(KnowledgeArticle article, SearchSlots slots, BilingualAnalyzer analyzer)
    {
        var text = article.Text;
        var document = Common(KnowledgeFields.ArticleKind, article.Id, text.Title, string.Join('\n', [text.Problem, text.Cause ?? "", text.Solution, .. text.Tags]), text.Problem, article.Language, slots, analyzer);
        if (article.Tickets.Count > 0)
        {
            document.Add(new StoredField(KnowledgeFields.Ticket, article.Tickets[0]));
        }

        return document;
    }

    public static Document Of(Ticket ticket, SearchSlots slots, BilingualAnalyzer analyzer)
    {
        var document = Common(KnowledgeFields.TicketKind, ticket.Number, ticket.Title, $"{ticket.Description.Specific}\n{ticket.Description.Original}", ticket.Description.Specific, ticket.Reporter.Locale, slots, analyzer);
        document.Add(new StringField(KnowledgeFields.Team, ticket.Team, Field.Store.YES));
        document.Add(new Int64Field(KnowledgeFields.Submitted, ticket.SubmittedAt.UtcTicks, Field.Store.YES));
        return document;
    }

    private static Document Common(string kind, string id, string title, string body, string problem, string language, SearchSlots slots, BilingualAnalyzer analyzer)
    {
        var document = new Document
        {
            new StringField(KnowledgeFields.Kind, kind, Field.Store.YES),
            new StringField(KnowledgeFields.Id, id, Field.Store.YES),
            new TextField(KnowledgeFields.Title, title, Field.Store.YES),
            new TextField(KnowledgeFields.Body, body, Field.Store.NO),
            new StoredField(KnowledgeFields.Problem, problem),
            new StringField(KnowledgeFields.Language, language, Field.Store.YES),
            new StoredField(KnowledgeFields.Terms, string.Join(' ', analyzer.Terms($"{title}\n{problem}"))),
        };
        if (slots.System is { } system)
        {
            document.Add(new StringField(KnowledgeFields.System, system, Field.Store.YES));
        }

        if (slots.ErrorCode is { } code)
        {
            document.Add(new StringField(KnowledgeFields.Code, code, Field.Store.YES));
            document.Add(new StringField(KnowledgeFields.SystemCode, $"{slots.System}|{code}", Field.Store.NO));
        }

        if (slots.Symptom is { } symptom)
        {
            document.Add(new TextField(KnowledgeFields.Symptom, symptom, Field.Store.NO));
        }

        return document;
    }
}
