using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Engineering.Actions;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;
using static SupportBot.Engineering.CardElements;
using SupportBot.Common;

namespace SupportBot.Engineering;

/// <summary>Who a card is rendered for: the audience, the person (null in a triage channel) and the channel.</summary>
internal sealed record CardViewer(CardAudience Audience, string? Id, CardTarget Target)
{
    public string Locale => Target.Locale;
}

/// <summary>A line shown at the top of a card: what just happened, or why nothing did.</summary>
internal sealed record CardNotice(string Text, bool IsProblem);

/// <summary>
/// The ticket card (product.md §6): the ticket's current state with the buttons the viewer may press now. Every copy
/// is rendered from the ticket, so the card everyone sees is always the ticket as it stands.
/// </summary>
internal sealed class TicketCard(
    Localizer localizer,
    SupportRoster roster,
    TicketFacts facts,
    DeadlineExplainer durations,
    CardInputsForm inputs,
    IOptions<TicketsOptions> options,
    KnownCases knownCases)
{
    private const int HistoryShown = 3;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public JsonObject Render(Ticket ticket, CardViewer viewer, CardNotice? notice = null, CardSubmission? retry = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(viewer);
        var locale = viewer.Locale;
        var zone = ZoneFor(ticket, viewer);
        var body = Heading(ticket, notice);
        body.Add(Text(
            $"{L(locale, $"priority.{ticket.Priority}")} · {L(locale, $"status.{ticket.Status}")}",
            weight: "Bolder",
            color: ticket.Priority is Priority.Urgent or Priority.High ? "Attention" : "Accent",
            spacing: "None"));
        body.Add(Facts(facts.Of(ticket, locale, zone, forDesk: viewer.Audience != CardAudience.Reporter)));
        body.Add(Text(L(locale, "card.description"), weight: "Bolder", spacing: "Medium"));
        body.Add(Text(ReporterText.Escape(ticket.Description.Specific), spacing: "None"));
        if (ticket.Description.Original is { Length: > 0 } original && original != ticket.Description.Specific)
        {
            // The composed description beside the reporter's own words (product.md §2), so nothing is lost in composing.
            body.Add(Text(L(locale, "card.original"), weight: "Bolder", spacing: "Small"));
            body.Add(Text(ReporterText.Escape(original), subtle: true, spacing: "None"));
        }

        if (ticket.ImplementationLog.Count > 0)
        {
            body.Add(Text(L(locale, "card.implementation"), weight: "Bolder", spacing: "Medium"));
            foreach (var step in ticket.ImplementationLog)
            {
                var files = step.Attachments.Select(file => Link(file.Name, file.Url));
                var line = $"{localizer.Time(step.At, zone, locale, "format.dateTime")} {ReporterText.Escape(step.Author)}: {ReporterText.Escape(step.Text)}";
                body.Add(Text(string.Join(" · ", files.Prepend(line)), size: "Small", spacing: "None"));
            }
        }

        if (RoleOf(ticket, viewer) is TicketRole.TeamEngineer or TicketRole.Lead or TicketRole.Admin)
        {
            // Other tickets and internal causes are for the desk, never the reporter.
            foreach (var line in knownCases.Section(ticket, locale))
            {
                body.Add(line);
            }
        }

        // What people did; status lines and the reminders' own records stay off the card.
        var recent = ticket.History.Where(e => e.What != HistoryKinds.Status && !HistoryKinds.IsReminder(e.What)).TakeLast(HistoryShown).ToList();
        if (recent.Count > 0)
        {
            body.Add(Text(L(locale, "card.history"), weight: "Bolder", spacing: "Medium"));
            foreach (var entry in recent)
            {
                body.Add(Text($"{localizer.Time(entry.At, zone, locale, "format.dateTime")} {ReporterText.Escape(entry.ActorName)}: {HistoryText(entry, locale)}", subtle: true, size: "Small", spacing: "None"));
            }
        }

        // Five buttons to a row: the renderers' default limit per action set.
        foreach (var row in Buttons(ticket, viewer, retry).Chunk(5))
        {
            body.Add(ActionSet(row));
        }

        var card = Card(body);
        if (viewer is { Audience: CardAudience.Triage, Target.UsesExecute: true })
        {
            // Everyone in the channel reads one message: Teams asks again per person, and each gets the buttons they may press.
            card["refresh"] = new JsonObject { ["action"] = Button(viewer.Target, L(locale, "card.refresh"), CardActions.Refresh, ticket.Number, ticket.Version) };
        }

        return card;
    }

    /// <summary>The old team's copy of a transferred ticket: where it went and why, with nothing left to press.</summary>
    public JsonObject RenderMoved(Ticket ticket, CardViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(viewer);
        var moved = ticket.History.LastOrDefault(e => e.What == HistoryKinds.Transferred);
        var body = Heading(ticket, null);
        body.Add(Text(localizer.Get(viewer.Locale, "card.moved", roster.TeamName(ticket.Team, viewer.Locale), ReporterText.Escape(moved?.ActorName), ReporterText.Escape(moved?.Note)), weight: "Bolder", color: "Accent"));
        return Card(body);
    }

    /// <summary>What the viewer is to the ticket; a triage channel is read as an engineer of the team.</summary>
    public TicketRole RoleOf(Ticket ticket, CardViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer switch
        {
            { Audience: CardAudience.Triage, Id: null } => TicketRole.TeamEngineer,
            { Id: { } id } => TicketRoles.RoleOf(new Actor(id, ""), ticket, roster),
            _ => TicketRole.Stranger,
        };
    }

    public string NameOf(string id, Ticket ticket) => facts.NameOf(id, ticket);

    public string Time(DateTimeOffset at, string locale, string format = "format.dateTimeWeekday") => localizer.Time(at, _zone, locale, format);

    public string Duration(TimeSpan span, string locale) => durations.Duration(span, locale);

    /// <summary>"Archived: article KB-000012 (published)" or "Archived, no article (not worth an article)".</summary>
    public string ArchiveStatus(TicketArchive archived, string locale) => facts.ArchiveStatus(archived, locale);

    public string HistoryText(HistoryEntry entry, string locale)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string Name(string? id) => id is null ? "—" : roster.FindEngineer(id)?.Name ?? id;
        var text = entry.What switch
        {
            HistoryKinds.Assigned when entry.After == entry.ActorId => L(locale, "history.took"),
            HistoryKinds.Assigned => localizer.Get(locale, "history.assigned", Name(entry.After)),
            HistoryKinds.Priority => localizer.Get(locale, "history.priority", PriorityName(entry.Before, locale), PriorityName(entry.After, locale)),
            "escalate" or "addCoHandler" => localizer.Get(locale, $"history.{entry.What}", Name(entry.After)),
            "archive" when entry.Before is { } how => entry.After is { } article
                ? localizer.Get(locale, "history.archive.article", article, L(locale, $"archive.how.{how}"))
                : localizer.Get(locale, "history.archive.none", L(locale, $"archive.how.{how}")),
            HistoryKinds.Transferred when entry.Before == entry.After => L(locale, "history.reclassify"),
            HistoryKinds.Transferred => localizer.Get(locale, "history.transfer", roster.TeamName(entry.After ?? "", locale)),
            _ => localizer.Keys(locale).Contains($"history.{entry.What}") ? L(locale, $"history.{entry.What}") : entry.What,
        };
        return entry.Note is { Length: > 0 } note ? $"{text}: {ReporterText.Escape(note)}" : text;
    }

    /// <summary>
    /// The reporter reads times in their own time zone, as the intake told them ("someone will respond by …"); everyone
    /// else in the desk's.
    /// </summary>
    private TimeZoneInfo ZoneFor(Ticket ticket, CardViewer viewer) =>
        viewer.Audience == CardAudience.Reporter && ticket.Reporter.TimeZone is { } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : _zone;

    private IEnumerable<JsonObject> Buttons(Ticket ticket, CardViewer viewer, CardSubmission? retry)
    {
        var role = RoleOf(ticket, viewer);
        if (role is not (TicketRole.TeamEngineer or TicketRole.Lead or TicketRole.Admin or TicketRole.CoHandler))
        {
            yield break;
        }

        foreach (var action in CardActions.On(CardKind.Ticket))
        {
            if (action.Permit(ticket, role).IsAllowed && action.Offered(ticket, viewer.Id, roster))
            {
                yield return inputs.Button(action, ticket, viewer.Target, retry);
            }
        }
    }

    private string PriorityName(string? key, string locale) =>
        PriorityNames.TryParse(key, out var priority) ? L(locale, $"priority.{priority}") : key ?? "—";

    private string L(string locale, string key) => localizer.Get(locale, key);
}
