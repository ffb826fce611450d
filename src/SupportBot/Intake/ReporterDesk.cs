using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Numbering;

namespace SupportBot.Intake;

/// <summary>
/// What a reporter can ask about their own tickets: the status of one, the list of theirs, adding information.
/// Another reporter's ticket gets exactly the answer an unknown number gets, so numbers reveal nothing.
/// </summary>
internal sealed class ReporterDesk(TicketService tickets, ITicketStore store, ITicketFiles kept, TicketNumberFormat numbers, IntakeSubmission submission, IServiceDesk desk, Localizer localizer, TimeProvider time)
{
    private const int MyTicketsShown = 10;

    public string Status(string? number, string reporterId, string locale)
    {
        if (number is null)
        {
            return localizer.Get(locale, "status.ask", numbers.Example);
        }

        if (Own(number, reporterId) is not { } ticket)
        {
            return localizer.Get(locale, "status.notFound", number);
        }

        var next = tickets.DeadlinesOf(ticket).Where(deadline => deadline is { DueAt: not null, MetAt: null }).MinBy(deadline => deadline.DueAt);
        var due = next is null
            ? localizer.Get(locale, "status.noneOpen")
            : localizer.Get(locale, "status.nextDue", localizer.Get(locale, $"deadline.{next.Kind}"), submission.LocalTime(next.DueAt!.Value, locale));
        return localizer.Get(locale, "status.detail", ticket.Number, ticket.Title, localizer.Get(locale, $"status.{ticket.Status}"), localizer.Get(locale, $"priority.{ticket.Priority}"), submission.TeamName(ticket.Team, locale), due);
    }

    public string MyTickets(string reporterId, string locale)
    {
        var mine = store.Query(new TicketQuery { ReporterId = reporterId, Limit = 1000 })
            .OrderByDescending(ticket => ticket.SubmittedAt)
            .Take(MyTicketsShown)
            .ToList();
        if (mine.Count == 0)
        {
            return localizer.Get(locale, "myTickets.none");
        }

        var lines = mine.Select(ticket => localizer.Get(locale, "status.line", ticket.Number, ticket.Title, localizer.Get(locale, $"status.{ticket.Status}"), localizer.Get(locale, $"priority.{ticket.Priority}")));
        return localizer.Get(locale, "myTickets.heading") + "\n" + string.Join("\n", lines);
    }

    /// <summary>Adds the reporter's text and files to their ticket (answering the engineer's question if one is open).</summary>
    public string AddInformation(string number, string? text, Activity activity, string locale)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reporterId = IntakeSubmission.ReporterIdOf(activity);
        if (Own(number, reporterId) is not { } ticket)
        {
            return localizer.Get(locale, "status.notFound", number);
        }

        var files = ReporterFiles.Of(activity, reporterId, time.GetUtcNow());
        if (string.IsNullOrWhiteSpace(text) && files.Count == 0)
        {
            return localizer.Get(locale, "addInfo.empty", ticket.Number);
        }

        files = kept.Keep(files, activity.Conversation?.Id is { } conversation ? new ConversationAddress(activity.ChannelId ?? "", conversation) : null);
        var action = ticket.Status == TicketStatus.WaitingForReporter ? TicketAction.AnswerQuestion : TicketAction.AddInformation;
        var actor = new Actor(reporterId, activity.From?.Name ?? ticket.Reporter.Name);
        var change = tickets.Apply(ticket, action, actor, amend: files.Count == 0 ? null : t => t with { Attachments = [.. t.Attachments, .. files] }, note: text?.Trim());
        if (change.Applied)
        {
            // The engineers hear of it and every card of the ticket shows it, as when the answer comes from a card.
            desk.ReporterActed(change.Ticket!, action, actor);
        }

        return change.Applied
            ? localizer.Get(locale, "addInfo.added", ticket.Number)
            : localizer.Get(locale, "addInfo.refused", ticket.Number, localizer.Get(locale, $"status.{change.Ticket?.Status ?? ticket.Status}"));
    }

    /// <summary>
    /// "cancel TS-… reason": the reporter withdraws their ticket before work starts (the lifecycle says when), with a
    /// reason the engineers read.
    /// </summary>
    public string Cancel(string number, string? reason, Activity activity, string locale)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reporterId = IntakeSubmission.ReporterIdOf(activity);
        if (Own(number, reporterId) is not { } ticket)
        {
            return localizer.Get(locale, "status.notFound", number);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return localizer.Get(locale, "cancelTicket.reason", ticket.Number);
        }

        if (reason.Length > TicketTextLimits.Short)
        {
            return localizer.Get(locale, "card.error.tooLong", TicketTextLimits.Short);
        }

        var actor = new Actor(reporterId, activity.From?.Name ?? ticket.Reporter.Name);
        var change = tickets.Apply(ticket, TicketAction.Cancel, actor, note: reason.Trim());
        if (change.Applied)
        {
            desk.ReporterActed(change.Ticket!, TicketAction.Cancel, actor);
            return localizer.Get(locale, "cancelTicket.done", ticket.Number);
        }

        return localizer.Get(locale, "cancelTicket.refused", ticket.Number, localizer.Get(locale, $"status.{change.Ticket?.Status ?? ticket.Status}"));
    }

    private Ticket? Own(string number, string reporterId) =>
        numbers.TryParse(number, out var canonical) && tickets.Find(canonical) is { } ticket && ticket.Reporter.Id == reporterId ? ticket : null;
}
