using System.Text.Json.Nodes;
using SupportBot.Common;
using SupportBot.Engineering.Actions;
using SupportBot.Intake;
using SupportBot.Knowledge;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Engineering;

/// <summary>
/// A closed ticket's knowledge-article draft, for its assignee or lead: the article as it would read, the similar articles
/// it could join, and Publish / Edit / Merge / Not worth. Once decided, every copy says where the ticket went and offers
/// nothing; anyone else who opens it sees neither the draft nor the buttons.
/// </summary>
internal sealed class ArchiveDraftCard(Localizer localizer, ArchiveDesk desk, CardInputsForm inputs, TicketCard tickets, TicketService service, IntakeChoices choices)
{
    public JsonObject Render(Ticket ticket, CardViewer viewer, CardNotice? notice = null, CardSubmission? retry = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(viewer);
        var locale = viewer.Locale;
        var body = Heading(ticket, notice);
        if (ticket.Archived is { } archived)
        {
            body.Add(Text(tickets.ArchiveStatus(archived, locale), weight: "Bolder", color: "Good"));
            return Card(body);
        }

        if (ticket.Status != TicketStatus.Closed || !desk.MayDecide(ticket, viewer.Id))
        {
            body.Add(Text(localizer.Get(locale, "archive.card.notYours"), subtle: true));
            return Card(body);
        }

        var draft = ArticleDrafts.Compose(ticket);
        body.Add(Text(localizer.Get(locale, "archive.card.intro", Due(ticket, locale)), weight: "Bolder", color: "Accent"));
        body.Add(CardElements.Facts(DraftFacts(ticket, draft, locale)));
        var similar = desk.Similar(ticket).Select(hit => (Title: $"{hit.Id} · {ReporterText.Escape(hit.Title)}", Value: hit.Id)).ToList();
        if (similar.Count > 0)
        {
            body.Add(Text(localizer.Get(locale, "archive.card.similar"), weight: "Bolder", spacing: "Medium"));
            foreach (var article in similar)
            {
                body.Add(Text(article.Title, size: "Small", spacing: "None"));
            }
        }

        var buttons = new List<JsonObject>
        {
            inputs.Button(CardActions.PublishArticle, ticket, viewer.Target, retry),
            Opening(CardActions.EditArticle, ticket, viewer.Target, CardInputsForm.Retried(CardActions.EditArticle, retry) ?? Filled(ticket, draft)),
        };
        if (similar.Count > 0)
        {
            buttons.Add(Opening(CardActions.MergeArticle, ticket, viewer.Target, CardInputsForm.Retried(CardActions.MergeArticle, retry), similar));
        }

        buttons.Add(inputs.Button(CardActions.NotWorthArticle, ticket, viewer.Target, retry));
        body.Add(ActionSet(buttons));
        return Card(body);
    }

    /// <summary>When the ticket is archived without an article if nobody decides: the archive deadline.</summary>
    public string Due(Ticket ticket, string locale) =>
        service.DeadlinesOf(ticket).FirstOrDefault(d => d.Kind == DeadlineKind.Archive)?.DueAt is { } due ? tickets.Time(due, locale) : "—";

    private IEnumerable<(string, string)> DraftFacts(Ticket ticket, ArticleText draft, string locale)
    {
        var none = localizer.Get(locale, "intake.card.none");
        string Said(string? text) => string.IsNullOrWhiteSpace(text) ? none : ReporterText.Escape(text);
        yield return (L(locale, "archive.field.title"), Said(draft.Title));
        yield return (L(locale, "archive.field.problem"), Said(draft.Problem));
        yield return (L(locale, "archive.field.system"), Said($"{draft.System} {draft.SystemVersion}".Trim()));
        yield return (L(locale, "archive.field.category"), choices.CategoryName(locale, ticket.Category));
        yield return (L(locale, "archive.field.cause"), Said(draft.Cause));
        yield return (L(locale, "archive.field.solution"), Said(draft.Solution));
        yield return (L(locale, "archive.field.scope"), Said(draft.Scope));
        yield return (L(locale, "archive.field.tickets"), ticket.Number);
        yield return (L(locale, "archive.field.language"), L(locale, $"archive.language.{ArticleDrafts.Language(ticket)}"));
    }

    /// <summary>A button that opens its inputs, filled with <paramref name="shown"/> (the draft, or what was typed before a refusal).</summary>
    private JsonObject Opening(CardAction action, Ticket ticket, CardTarget target, CardSubmission? shown, IReadOnlyList<(string Title, string Value)>? articles = null) =>
        ShowCard(L(target.Locale, action.LabelKey), inputs.For(action, ticket, target.Locale, shown, articles), inputs.Send(action, ticket, target));

    /// <summary>The edit inputs as if the draft had been typed into them.</summary>
    private static CardSubmission Filled(Ticket ticket, ArticleText draft) => new(
        ticket.Number,
        ticket.Version,
        CardActions.EditArticle.Verb,
        EditArticleAction.Filled(draft)
            .Where(field => field.Value is { Length: > 0 })
            .ToDictionary(field => CardInputs.Id(CardActions.EditArticle.Verb, field.Field.Name), field => field.Value!, StringComparer.Ordinal));

    private string L(string locale, string key) => localizer.Get(locale, key);
}
