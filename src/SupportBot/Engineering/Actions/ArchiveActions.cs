using SupportBot.Knowledge;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Engineering.Actions;

/// <summary>
/// The buttons of a closed ticket's article draft (issue 20): publish it, publish it edited, merge the ticket into an
/// existing article, or archive it with none. Each archives the ticket once (a second press meets a newer version, or an
/// archived ticket) and is recorded in its history. Only the assignee or the lead of the ticket's own team decides.
/// </summary>
internal abstract class ArchiveDraftAction(string verb) : CardAction(verb, TicketAction.Archive, CardKind.ArchiveDraft)
{
    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);

        // Who before what: someone else learns nothing from the inputs.
        return form.Archive.MayDecide(ticket, actor.Id) ? Decide(form, ticket, actor) : form.Fail("archive.error.notYours");
    }

    /// <summary>The card refreshes for everyone who has it; the decision concerns nobody else.</summary>
    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => Nobody;

    protected abstract CardCommand? Decide(CardForm form, Ticket ticket, Actor actor);

    /// <summary>Archives the ticket; <paramref name="article"/> saves the article (inside the change) and names it.</summary>
    protected CardCommand? Archive(CardForm form, string how, Func<Ticket, string?> article, string? note = null) =>
        form.Command(Action, t => t with { Archived = new TicketArchive { At = form.Now, How = how, ArticleId = article(t) } }, note);
}

internal sealed class PublishArticleAction() : ArchiveDraftAction("archivePublish")
{
    public override IReadOnlyList<CardField> Inputs => [];

    public override string? Style => "positive";

    protected override CardCommand? Decide(CardForm form, Ticket ticket, Actor actor) =>
        Archive(form, ArchiveWays.Published, t => form.Archive.Publish(t, ArticleDrafts.Compose(t), form.Now));
}

/// <summary>The draft's text in inputs, filled with the draft, changed and published in one press.</summary>
internal sealed class EditArticleAction() : ArchiveDraftAction("archiveEdit")
{
    public static readonly TextField Title = new("title", CardForm.ShortTextLimit, Required: true, Multiline: false);
    public static readonly TextField Problem = LongText("problem");
    public static readonly TextField Cause = new("cause", CardForm.LongTextLimit, Required: false, Multiline: true);
    public static readonly TextField Solution = LongText("solution");
    public static readonly TextField Scope = new("scope", CardForm.ShortTextLimit, Required: false, Multiline: false);

    public override IReadOnlyList<CardField> Inputs => [Title, Problem, Cause, Solution, Scope];

    /// <summary>What the inputs show before anyone types: the draft as composed.</summary>
    public static IEnumerable<(TextField Field, string? Value)> Filled(ArticleText draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return [(Title, draft.Title), (Problem, draft.Problem), (Cause, draft.Cause), (Solution, draft.Solution), (Scope, draft.Scope)];
    }

    protected override CardCommand? Decide(CardForm form, Ticket ticket, Actor actor)
    {
        var (title, problem, cause, solution, scope) = (form.Text(Title), form.Text(Problem), form.Text(Cause), form.Text(Solution), form.Text(Scope));
        if (!form.IsValid)
        {
            return null;
        }

        return Archive(form, ArchiveWays.Published, t => form.Archive.Publish(t, ArticleDrafts.Compose(t) with
        {
            Title = title!,
            Problem = problem!,
            Cause = cause,
            Solution = solution!,
            Scope = scope,
        }, form.Now));
    }
}

/// <summary>The ticket joins an existing article (one of the similar ones the card offers) as its next version.</summary>
internal sealed class MergeArticleAction() : ArchiveDraftAction("archiveMerge")
{
    public static readonly ChoiceField Article = new("article", scene => scene.Articles, Expanded: true);

    public override IReadOnlyList<CardField> Inputs => [Article];

    protected override CardCommand? Decide(CardForm form, Ticket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return form.Choice(Article) is { } id && form.Archive.Find(id) is not null
            ? Archive(form, ArchiveWays.Merged, t => form.Archive.Merge(t, id, actor.Name, form.Now))
            : form.Fail("card.error.required.article");
    }
}

/// <summary>Nothing worth keeping (a one-off, a duplicate): archived with no article, and why, if said.</summary>
internal sealed class NotWorthArticleAction() : ArchiveDraftAction("archiveSkip")
{
    private static readonly TextField Why = Reason(required: false);

    public override IReadOnlyList<CardField> Inputs => [Why];

    protected override CardCommand? Decide(CardForm form, Ticket ticket, Actor actor)
    {
        var reason = form.Text(Why);
        return form.IsValid ? Archive(form, ArchiveWays.NotWorth, _ => null, reason) : null;
    }
}
