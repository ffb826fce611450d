using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Engineering.Actions;

/// <summary>
/// "Transfer to…": another category, with a required reason. When the category belongs to another team the ticket
/// leaves this team's queue for that one's and is routed by its rules (queue, or straight to an engineer); the clocks
/// already running keep running (milestones are kept), and the reminders follow the new team. Co-handlers stay.
/// </summary>
internal sealed class TransferAction() : CardAction("transfer", TicketAction.Transfer, CardKind.Ticket)
{
    private static readonly ChoiceField Category = new("category", s => s.Categories.All
        .Where(c => !string.Equals(c.Key, s.Ticket.Category, StringComparison.OrdinalIgnoreCase))
        .Select(c => ($"{c.Names.GetValueOrDefault(s.Locale) ?? c.Key} → {s.Roster.TeamName(c.Team, s.Locale)}", c.Key)));

    private static readonly TextField Why = Reason();

    public override IReadOnlyList<CardField> Inputs => [Category, Why];

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(ticket);
        var reason = form.Text(Why);
        var key = form.Choice(Category);
        var category = form.Routing.Categories.All.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
        if (!form.IsValid)
        {
            return null;
        }

        if (category is null)
        {
            return form.Fail("card.error.required.category");
        }

        if (string.Equals(category.Key, ticket.Category, StringComparison.OrdinalIgnoreCase))
        {
            return form.Fail("card.error.sameCategory");
        }

        if (category.Team == ticket.Team)
        {
            // Reclassified within the team: it stays where it is, with whoever has it.
            return form.Command(Action, t => t with { Category = category.Key, Status = ticket.Status }, reason);
        }

        var routed = form.Routing.Route(category.Key, ticket.Priority);
        return form.Command(Action, t => t with
        {
            Category = category.Key,
            Team = routed.Team,
            Assignee = routed.Assignee,
            Status = routed.Assignee is null ? TicketStatus.Submitted : TicketStatus.Accepted,
            Milestones = routed.Assignee is null ? t.Milestones : t.Milestones with { AssignedAt = form.Now },
        }, reason);
    }

    public override async Task TellAsync(TicketEvent done, TicketNotifications tell)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(tell);
        var ticket = done.Ticket;
        var moved = ticket.History.Last(e => e.What == HistoryKinds.Transferred);
        if (moved.Before != moved.After)
        {
            await tell.AnnounceAsync(ticket);
        }

        await tell.TellReporterAsync(ticket, locale => tell.Localize(locale, "notify.reporter.transferred", ticket.Number, tell.TeamName(ticket.Team, locale), LastNote()));
        string LastNote() => TicketNotifications.Said(moved.Note);
    }
}
