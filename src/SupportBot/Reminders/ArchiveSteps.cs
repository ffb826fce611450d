using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Reminders;

/// <summary>
/// The archive deadline's steps (issue 20): the article draft and its nudge go out through the outbox, recorded on the
/// ticket in the same transaction (so each goes once, also across restarts); at the deadline an unanswered draft is
/// archived without an article and every copy of the draft says so.
/// </summary>
internal sealed class ArchiveSteps(IJobTransactions jobs, TicketService tickets, ArchiveDraftMessages drafts, TicketBroadcaster broadcaster)
{
    public Task<Ticket> RunAsync(Ticket ticket, IReadOnlyList<ReminderDelivery> due, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(due);
        return due.Any(step => step.Step.Kind == ReminderStepKind.Archive)
            ? jobs.RunAsync(() => ArchiveWithoutArticle(ticket, now))
            : jobs.RunAsync(() => SendDrafts(ticket, due, now));
    }

    private Ticket SendDrafts(Ticket ticket, IReadOnlyList<ReminderDelivery> due, DateTimeOffset now)
    {
        foreach (var reminder in due)
        {
            drafts.Publish(ticket.Number, reminder.To.Id, nudge: reminder.Step.Kind == ReminderStepKind.Nudge);
        }

        var saved = tickets.Record(ticket.Number, [.. due.Select(r => HistoryEntry.Of(Actor.System, now, HistoryKinds.Reminded, r.Step.Key, r.To.Key))]);
        if (saved is not null)
        {
            // The draft's buttons carry the ticket's version: cards already out must carry the new one.
            broadcaster.Publish(new TicketEvent(saved, null, Actor.System) { RefreshOnly = true });
        }

        return saved ?? ticket;
    }

    private Ticket ArchiveWithoutArticle(Ticket ticket, DateTimeOffset now)
    {
        var change = tickets.Apply(ticket, TicketAction.Archive, Actor.System, t => t with
        {
            Archived = new TicketArchive { At = now, How = ArchiveWays.Deadline },
        });
        if (!change.Applied)
        {
            return change.Ticket ?? ticket;
        }

        broadcaster.Publish(new TicketEvent(change.Ticket!, null, Actor.System) { RefreshOnly = true });
        return change.Ticket!;
    }
}
