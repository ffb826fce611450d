using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Engineering.Actions;
using SupportBot.Intake;
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
    IntakeChoices choices,
    TicketService tickets,
    DeadlineExplainer durations,
    CardInputsForm inputs,
    IOptions<TicketsOptions> options,
    KnownCases knownCases,
    TimeProvider time)
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
        body.Add(Facts(FactsOf(ticket, locale, zone, forDesk: viewer.Audience != CardAudience.Reporter)));
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

    public string NameOf(string id, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return roster.FindEngineer(id)?.Name ?? (id == ticket.Reporter.Id ? ticket.Reporter.Name : id);
    }

    public string Time(DateTimeOffset at, string locale, string format = "format.dateTimeWeekday") => localizer.Time(at, _zone, locale, format);

    public string Duration(TimeSpan span, string locale) => durations.Duration(span, locale);

    /// <summary>"Archived: article KB-000012 (published)" or "Archived, no article (not worth an article)".</summary>
    public string ArchiveStatus(TicketArchive archived, string locale)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var how = L(locale, $"archive.how.{archived.How}");
        return archived.ArticleId is { } id ? localizer.Get(locale, "archive.status.article", id, how) : localizer.Get(locale, "archive.status.none", how);
    }

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

    private IEnumerable<(string, string)> FactsOf(Ticket ticket, string locale, TimeZoneInfo zone, bool forDesk)
    {
        var none = L(locale, "intake.card.none");
        yield return (L(locale, "card.category"), choices.CategoryName(locale, ticket.Category));
        if (ticket.Incomplete is { IsOpen: true } gap)
        {
            yield return (L(locale, "card.incomplete"), ReporterText.Escape(gap.Missing));
        }

        yield return (L(locale, "card.reporter"), ReporterText.Escape(ReporterLine(ticket.Reporter)));
        if ((ticket.Reporter.Kind == ReporterKind.Employee ? ticket.Reporter.EmployeeId : ticket.Reporter.CustomerNumber) is { Length: > 0 } reporterId)
        {
            yield return (L(locale, ticket.Reporter.Kind == ReporterKind.Employee ? "card.employeeId" : "card.customerNumber"), ReporterText.Escape(reporterId));
        }

        if (ticket.OnBehalf is { } filed)
        {
            // Filed by the desk for a caller (seeds 001/004): how it came in, who typed it, and whom to call in a hurry.
            yield return (L(locale, "card.channel"), L(locale, $"onBehalf.cameBy.{filed.CameBy}"));
            yield return (L(locale, "card.filedBy"), ReporterText.Escape(filed.FiledByName));
            if (filed.EmergencyContact is { Length: > 0 } emergency)
            {
                yield return (L(locale, "card.emergencyContact"), ReporterText.Escape(emergency));
            }
        }
        else if (ticket.ReporterConversation?.ChannelId is { } channel)
        {
            yield return (L(locale, "card.channel"), L(locale, channel == BotFramework.Schema.Channels.MsTeams ? "card.channel.teams" : "card.channel.web"));
        }

        yield return (L(locale, "card.system"), ticket.AffectedSystem is { } system ? ReporterText.Escape($"{system.Name} {system.Version}".Trim()) : none);
        yield return (L(locale, "card.occurredAt"), ticket.OccurredAt is { } at ? OccurrenceText.Of(localizer, at, ticket.OccurredAtNote, zone, locale, "format.dateTimeWeekday") : none);
        foreach (var (key, value) in new[] { ("card.environment", ticket.Environment), ("card.alreadyTried", ticket.AlreadyTried) })
        {
            if (value is { Length: > 0 })
            {
                yield return (L(locale, key), ReporterText.Escape(value));
            }
        }

        if (ticket.ExpectedResolutionAt is { } neededBy)
        {
            yield return (L(locale, "card.neededBy"), localizer.Time(neededBy, zone, locale, "format.dateTimeWeekday"));
        }

        if (ticket.Attachments.Count > 0)
        {
            yield return (L(locale, "card.attachments"), string.Join(" · ", ticket.Attachments.Select(file => Link(file.Name, file.Url))));
        }

        yield return (L(locale, "card.nextDeadline"), NextDeadline(ticket, locale, zone));
        yield return (L(locale, "card.assignee"), ticket.Assignee is { } assignee ? ReporterText.Escape(NameOf(assignee, ticket)) : L(locale, "card.unassigned"));
        if (ticket.CoHandlers.Count > 0)
        {
            yield return (L(locale, "card.coHandlers"), ReporterText.Escape(string.Join(", ", ticket.CoHandlers.Select(id => NameOf(id, ticket)))));
        }

        if (ticket.Status == TicketStatus.Blocked && ticket.EstimatedBy is { } estimate)
        {
            yield return (L(locale, "card.estimate"), estimate.ToString(L(locale, "format.date"), Localizer.Culture(locale)));
        }

        if (ticket.CauseNote() is { } cause)
        {
            yield return (L(locale, "card.cause"), ReporterText.Escape(cause.Text));
        }

        if (ticket.Plan is { } plan)
        {
            var state = plan.AwaitsApproval ? "card.plan.awaiting" : plan.ApprovedAt is not null ? "card.plan.approved" : plan.DeclinedAt is not null ? "card.plan.declined" : "card.plan.noApproval";
            yield return (L(locale, "card.plan"), $"{ReporterText.Escape(plan.Text)} ({L(locale, state)})");
        }

        if (ticket.Resolution is { } resolution)
        {
            yield return (L(locale, "card.solution"), localizer.Get(locale, "card.solution.value", ReporterText.Escape(resolution.FinalSolution), durations.Duration(TimeSpan.FromMinutes(resolution.EffortMinutes), locale)));
            if (resolution.Cost is { } cost)
            {
                yield return (L(locale, "card.cost"), cost.ToString("N2", Localizer.Culture(locale)));
            }

            if (resolution.Advice is { Length: > 0 } advice)
            {
                yield return (L(locale, "card.advice"), ReporterText.Escape(advice));
            }
        }

        if (ticket.Satisfaction is { } satisfaction)
        {
            yield return (L(locale, "card.satisfaction"), L(locale, $"rating.{satisfaction.Rating}"));
        }

        // Where the ticket went in the knowledge base is the desk's business; the reporter's card stays about their problem.
        if (!forDesk)
        {
            yield break;
        }

        if (ticket.Archived is { } archived)
        {
            yield return (L(locale, "card.archive"), ArchiveStatus(archived, locale));
        }
        else if (ticket.Status == TicketStatus.Closed && tickets.DeadlinesOf(ticket).FirstOrDefault(d => d.Kind == DeadlineKind.Archive)?.DueAt is { } archiveBy)
        {
            yield return (L(locale, "card.archive"), localizer.Get(locale, "archive.status.due", localizer.Time(archiveBy, zone, locale, "format.dateTimeWeekday")));
        }
    }

    private static string ReporterLine(Reporter reporter) => string.Join(" · ", new[]
    {
        reporter.Name,
        reporter.Kind == ReporterKind.Employee ? reporter.Department : reporter.Company,
        reporter.Kind == ReporterKind.Employee ? reporter.Extension : reporter.Phone,
    }.Where(part => !string.IsNullOrEmpty(part)));

    private string NextDeadline(Ticket ticket, string locale, TimeZoneInfo zone)
    {
        var open = tickets.DeadlinesOf(ticket).Where(d => d.IsOpen && d.Kind != DeadlineKind.Archive).ToList();
        if (open.Count == 0)
        {
            return L(locale, "status.noneOpen");
        }

        if (open.Where(d => d.DueAt is not null).MinBy(d => d.DueAt) is not { DueAt: { } due } next)
        {
            return L(locale, "card.onHold");
        }

        var left = due - time.GetUtcNow();
        var when = left >= TimeSpan.Zero
            ? localizer.Get(locale, "card.left", durations.Duration(left, locale))
            : localizer.Get(locale, "card.overdue", durations.Duration(-left, locale));
        return $"{L(locale, $"deadline.{next.Kind}")} · {localizer.Time(due, zone, locale, "format.dateTimeWeekday")} ({when})";
    }

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
