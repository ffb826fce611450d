using SupportBot.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Numbering;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets;

/// <summary>
/// The one way tickets are created and changed: numbering, routing, the lifecycle's permission check,
/// milestones, history and the indexed next deadline all happen here, so no caller can forget one.
/// </summary>
internal sealed class TicketService(
    ITicketStore store,
    TicketRouter router,
    SupportRoster roster,
    DeadlineCalculator deadlines,
    TicketNumberFormat numbers,
    IOptions<TicketsOptions> options,
    TimeProvider time,
    IEnumerable<ITicketChangeListener> listeners,
    IEnumerable<IProblemReader> problemReaders)
{
    private readonly ITicketChangeListener[] _listeners = [.. listeners];
    private readonly IProblemReader? _problems = problemReaders.FirstOrDefault();
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<Ticket> SubmitAsync(TicketDraft draft, Actor submittedBy)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(submittedBy);
        if (draft.FormId is { } formId && store.FindByForm(formId) is { } filed)
        {
            // The same form pressed again (a double click, or the card still open after a restart): one ticket.
            return filed;
        }

        var now = time.GetUtcNow();
        // The serial comes from the period the number's date names (the day, or the month for a monthly pattern), in
        // the ticket's own transaction like the ticket itself.
        var day = numbers.PeriodOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _timeZone).DateTime));
        var team = router.Route(draft.Category, draft.Priority, store.OpenTicketsByAssignee(router.TeamFor(draft.Category)));

        // Read before a serial is taken: between taking it and writing the ticket nothing should run that need not.
        var description = _problems is null ? draft.Description : draft.Description with { Slots = _problems.Read(draft.Description.Specific, draft.AffectedSystem?.Name) };
        var created = await store.CreateAsync(day, serial =>
        {
            var ticket = new Ticket
            {
                Number = numbers.Format(day, serial),
                SubmittedAt = now,
                Reporter = draft.Reporter,
                Title = draft.Title,
                Category = draft.Category,
                Priority = draft.Priority,
                Status = team.Assignee is null ? TicketStatus.Submitted : TicketStatus.Accepted,
                Description = description,
                OccurredAt = draft.OccurredAt,
                OccurredAtNote = draft.OccurredAtNote,
                AffectedSystem = draft.AffectedSystem,
                Environment = draft.Environment,
                AlreadyTried = draft.AlreadyTried,
                ExpectedResolutionAt = draft.ExpectedResolutionAt,
                Attachments = draft.Attachments,
                ReporterConversation = draft.ReporterConversation,
                OnBehalf = draft.OnBehalf,
                FormId = draft.FormId,
                OfferedArticles = draft.OfferedArticles,
                Team = team.Team,
                Assignee = team.Assignee,
                Milestones = new TicketMilestones { AssignedAt = team.Assignee is null ? null : now },
                History =
                [
                    HistoryEntry.Of(submittedBy, now, HistoryKinds.Created, after: draft.Priority.Key(), note: draft.PriorityReason),
                ],
            };

            if (team.Assignee is not null)
            {
                ticket = ticket
                    .Append(HistoryEntry.Of(Actor.System, now, HistoryKinds.Assigned, after: team.Assignee, note: team.Reason.ToString()))
                    .Append(HistoryEntry.Of(Actor.System, now, HistoryKinds.Status, nameof(TicketStatus.Submitted), nameof(TicketStatus.Accepted)));
            }

            // The store saves a new ticket as version 1.
            return ticket with { NextDueAt = deadlines.NextDue(ticket), ChangedAtVersion = 1 };
        });
        Changed(created);
        return created;
    }

    public Ticket? Find(string number) => store.Find(number);

    /// <summary>
    /// Does <paramref name="action"/> on the ticket as the caller last saw it (<paramref name="seen"/>), if the
    /// lifecycle allows it for <paramref name="actor"/> and nobody changed the ticket since.
    /// <paramref name="amend"/> records the action's own details (the assignee, the note …).
    /// </summary>
    public TicketChange Apply(Ticket seen, TicketAction action, Actor actor, Func<Ticket, Ticket>? amend = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(actor);
        var current = store.Find(seen.Number);

        // A reminder job may record its fact between this read and the save: the save then meets a newer version
        // that changes nothing the caller decided on, so the action is decided again on top of it rather than
        // refused. Bounded: the first save of a turn takes the ticket's lock, so a second try already holds it.
        for (var attempt = 1; ; attempt++)
        {
            if (current is null)
            {
                return new TicketChange(TicketChangeOutcome.NotFound, null, null);
            }

            // A reminder or draft recorded since the caller looked changes nothing they decide on.
            if (!current.IsCurrentFor(seen.Version))
            {
                return new TicketChange(TicketChangeOutcome.Stale, current, null);
            }

            var decision = TicketLifecycle.Decide(current, action, TicketRoles.RoleOf(actor, current, roster, action));
            if (!decision.IsAllowed)
            {
                return new TicketChange(TicketChangeOutcome.Refused, current, decision);
            }

            var update = store.TryUpdate(Decided(current, decision, action, actor, amend, note));
            switch (update.Outcome)
            {
                case TicketUpdateOutcome.Saved:
                    Changed(update.Current!);
                    return new TicketChange(TicketChangeOutcome.Applied, update.Current, decision);
                case TicketUpdateOutcome.Conflict when attempt < MaxApplyAttempts:
                    current = update.Current;
                    continue;
                case TicketUpdateOutcome.Conflict:
                    return new TicketChange(TicketChangeOutcome.Stale, update.Current, decision);
                default:
                    return new TicketChange(TicketChangeOutcome.NotFound, null, decision);
            }
        }
    }

    private const int MaxApplyAttempts = 3;

    /// <summary>The ticket as <paramref name="action"/> leaves it: status, milestones, the action's own details and its history.</summary>
    private Ticket Decided(Ticket current, LifecycleDecision decision, TicketAction action, Actor actor, Func<Ticket, Ticket>? amend, string? note)
    {
        var now = time.GetUtcNow();
        var changed = current with { Status = decision.To, Milestones = Milestones.After(action, current.Milestones, now) };
        changed = amend?.Invoke(changed) ?? changed;

        // Whatever the reporter sends back (an answer on the card, "add info TS-…") is what an incomplete flag waited for.
        changed = action is TicketAction.AnswerQuestion or TicketAction.AddInformation ? changed.WithInformationReceived(now) : changed;
        var (before, after) = action switch
        {
            TicketAction.Assign => (current.Assignee, changed.Assignee),
            TicketAction.ChangePriority => (current.Priority.Key(), changed.Priority.Key()),
            TicketAction.Transfer => (current.Team, changed.Team),
            TicketAction.Archive => (changed.Archived?.How, changed.Archived?.ArticleId),
            TicketAction.Escalate or TicketAction.AddCoHandler => (null, changed.CoHandlers.Except(current.CoHandlers).FirstOrDefault()),
            _ => (null, null),
        };
        changed = changed.Append(HistoryEntry.Of(actor, now, HistoryName(action), before, after, note));
        // The action's own details may settle the status further (a transfer routed straight to an engineer is accepted).
        if (changed.Status != current.Status)
        {
            changed = changed.Append(HistoryEntry.Of(actor, now, HistoryKinds.Status, current.Status.ToString(), changed.Status.ToString()));
        }

        return changed with { NextDueAt = deadlines.NextDue(changed), ChangedAtVersion = current.Version + 1 };
    }

    /// <summary>
    /// Appends entries that record what the system did about a ticket (a reminder sent, an escalation) without
    /// changing anything else. Nothing can make such a fact stale, so a concurrent change is simply retried on top.
    /// Null when the ticket is gone.
    /// </summary>
    public Ticket? Record(string number, IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        while (true)
        {
            if (store.Find(number) is not { } current)
            {
                return null;
            }

            var update = store.TryUpdate(current with { History = [.. current.History, .. entries] });
            if (update.Outcome != TicketUpdateOutcome.Conflict)
            {
                return update.Current;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="entries"/> to the ticket as <paramref name="seen"/> (its version): when it changed since,
    /// a <see cref="BotFramework.State.StorageConflictException"/>, so that a decision made on what was read is
    /// recorded only if it still stands (a reminder pass on another instance may have recorded the same step).
    /// </summary>
    public Ticket RecordOnto(Ticket seen, IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(entries);
        var update = store.TryUpdate(seen with { History = [.. seen.History, .. entries] });
        return update.Outcome == TicketUpdateOutcome.Saved
            ? update.Current!
            : throw new BotFramework.State.StorageConflictException($"Ticket {seen.Number} changed after version {seen.Version} was read.");
    }

    public IReadOnlyList<Deadline> DeadlinesOf(ITicketTimeline ticket) => deadlines.For(ticket);

    private void Changed(Ticket ticket)
    {
        // Inside a turn the change is not committed yet: listeners (the reminders) read it back only once it is.
        if (TurnWork.Current is { } work)
        {
            work.AfterCommit(() => Tell(ticket));
            return;
        }

        Tell(ticket);
    }

    private void Tell(Ticket ticket)
    {
        foreach (var listener in _listeners)
        {
            listener.Changed(ticket);
        }
    }

    private static string HistoryName(TicketAction action) => action switch
    {
        TicketAction.Assign => HistoryKinds.Assigned,
        TicketAction.Acknowledge => HistoryKinds.Acknowledged,
        TicketAction.ChangePriority => HistoryKinds.Priority,
        _ => JsonNamingPolicy.CamelCase.ConvertName(action.ToString()),
    };
}
