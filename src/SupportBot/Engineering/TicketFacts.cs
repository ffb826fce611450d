using SupportBot.Common;
using SupportBot.Intake;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Engineering;

/// <summary>
/// The rows of facts on a ticket card, worded for the viewer's language and time zone: who reported it and how, the
/// system and when it happened, the next deadline, who has it, the cause, plan and solution, and its archive.
/// </summary>
internal sealed class TicketFacts(
    Localizer localizer,
    SupportRoster roster,
    IntakeChoices choices,
    TicketService tickets,
    DeadlineExplainer durations,
    TimeProvider time)
{
    public string NameOf(string id, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return roster.FindEngineer(id)?.Name ?? (id == ticket.Reporter.Id ? ticket.Reporter.Name : id);
    }

    /// <summary>"Archived: article KB-000012 (published)" or "Archived, no article (not worth an article)".</summary>
    public string ArchiveStatus(TicketArchive archived, string locale)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var how = L(locale, $"archive.how.{archived.How}");
        return archived.ArticleId is { } id ? localizer.Get(locale, "archive.status.article", id, how) : localizer.Get(locale, "archive.status.none", how);
    }

    /// <summary>The card's fact rows (label, value), escaped where a person typed them; <paramref name="forDesk"/> adds the archive.</summary>
    public IEnumerable<(string Label, string Value)> Of(Ticket ticket, string locale, TimeZoneInfo zone, bool forDesk)
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

    private string L(string locale, string key) => localizer.Get(locale, key);
}
