using Microsoft.Extensions.Options;
using SupportBot.Engineering;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;

namespace SupportBot.Reminders;

/// <summary>
/// Derives every reminder a ticket still owes from the ticket alone: its open deadlines give the steps, the roster
/// gives the recipients, and the ticket's history says which were already sent. Nothing else is stored, so the
/// plan cannot drift from the ticket, and the moment an awaited action happens its deadline closes and its steps vanish.
/// </summary>
internal sealed class ReminderPlanner(DeadlineCalculator deadlines, SlaPolicy policy, SupportRoster roster, TriageChannels triage, IOptions<ReminderOptions> options)
{
    private readonly TimeSpan _leadAfter = ReminderSpans.Parse(options.Value.EscalateToLeadAfter);
    private readonly int _autoCloseDays = options.Value.AutoCloseAfterWorkingDays;
    private readonly bool _autoCloses = options.Value.AutoCloseUnverified;

    /// <summary>
    /// The deliveries not yet recorded on the ticket, earliest first. Recipients are read from the ticket as it is now,
    /// so a step already handled owes nobody new (taking the ticket must not re-aim an old breach at someone else),
    /// unless <paramref name="stillTrying"/> says that delivery is one whose sending is still being retried.
    /// </summary>
    public IReadOnlyList<ReminderDelivery> Pending(Ticket ticket, Func<ReminderDelivery, bool>? stillTrying = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!OwesSteps(ticket))
        {
            return [];
        }

        var recorded = ticket.History.Where(e => HistoryKinds.IsReminder(e.What)).ToList();
        var done = recorded.Select(e => $"{e.Before}|{e.After}").ToHashSet(StringComparer.Ordinal);
        var handledSteps = recorded.Select(e => e.Before ?? "").ToHashSet(StringComparer.Ordinal);
        var triageBound = triage.Find(ticket.Team) is not null;
        return [.. Steps(ticket)
            .SelectMany(step => RecipientsOf(ticket, step, triageBound).Select(to => new ReminderDelivery(ticket.Number, step, to)))
            .Where(delivery => !done.Contains($"{delivery.Step.Key}|{delivery.To.Key}"))
            .Where(delivery => !handledSteps.Contains(delivery.Step.Key) || stillTrying?.Invoke(delivery) == true)
            .OrderBy(delivery => delivery.Step.At)];
    }

    /// <summary>
    /// When the ticket next owes a reminder, judged by the ticket alone (nothing held back or being retried: the
    /// situation at start-up). A ticket with no reminder recorded yet owes every step, so its earliest step is the
    /// answer without working out recipients; at worst that wakes it for a step with nobody to tell, and that pass
    /// sets the next wake-up.
    /// </summary>
    public DateTimeOffset? NextDueAt(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!OwesSteps(ticket))
        {
            return null;
        }

        return ticket.History.Any(e => HistoryKinds.IsReminder(e.What))
            ? Pending(ticket).Select(r => (DateTimeOffset?)r.Step.At).Min()
            : Steps(ticket).Select(s => (DateTimeOffset?)s.At).Min();
    }

    /// <summary>Every step of every open, running deadline (a paused one has no due time, so no steps until it resumes).</summary>
    public IEnumerable<ReminderStep> Steps(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var calendar = policy.CalendarFor(ticket.Priority);
        foreach (var deadline in deadlines.For(ticket))
        {
            if (!deadline.IsOpen || deadline.DueAt is not { } due)
            {
                continue;
            }

            ReminderStep Step(ReminderStepKind kind, DateTimeOffset at) => new(deadline.Kind, deadline.StartedAt, kind, at, due);
            if (deadline.Kind == DeadlineKind.Archive)
            {
                // The draft at once, a nudge while it waits, and no article at the deadline: the clock always ends.
                yield return Step(ReminderStepKind.Draft, deadline.StartedAt);
            }

            if (deadline.NudgeAt is { } nudge && nudge < due)
            {
                yield return Step(ReminderStepKind.Nudge, nudge);
            }

            if (deadline.Kind == DeadlineKind.Archive)
            {
                yield return Step(ReminderStepKind.Archive, due);
                continue;
            }

            yield return Step(ReminderStepKind.Breach, due);
            if (IsSupportsOwn(deadline.Kind))
            {
                yield return Step(ReminderStepKind.Lead, calendar.Add(due, _leadAfter));
            }
            else if (deadline.Kind == DeadlineKind.Verification)
            {
                // Settled after some working days: by itself when configured, otherwise by the lead, by hand.
                yield return Step(_autoCloses ? ReminderStepKind.AutoClose : ReminderStepKind.Lead, AutoCloseAt(deadline.StartedAt));
            }
        }
    }

    /// <summary>When an unverified resolution made at <paramref name="resolvedAt"/> closes by itself.</summary>
    public DateTimeOffset AutoCloseAt(DateTimeOffset resolvedAt) => policy.ArchiveCalendar.EndOfWorkingDaysAfter(resolvedAt, _autoCloseDays);

    public int AutoCloseAfterWorkingDays => _autoCloseDays;

    /// <summary>Whether an unverified resolution closes by itself (<see cref="ReminderOptions.AutoCloseUnverified"/>).</summary>
    public bool AutoCloses => _autoCloses;

    /// <summary>
    /// Who a step goes to. Support's own deadlines climb the ladder (responsible → senior → lead); the reporter's
    /// deadlines remind the reporter and keep the assignee informed. Nobody is told twice in one step.
    /// </summary>
    public IReadOnlyList<ReminderRecipient> RecipientsOf(Ticket ticket, ReminderStep step)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return RecipientsOf(ticket, step, triage.Find(ticket.Team) is not null);
    }

    // Whether the team has a triage channel is read once per ticket, not once per step.
    private List<ReminderRecipient> RecipientsOf(Ticket ticket, ReminderStep step, bool triageBound)
    {
        ArgumentNullException.ThrowIfNull(step);
        var reporter = new ReminderRecipient(RecipientKind.Reporter, ticket.Reporter.Id, RecipientRole.Reporter);
        var responsible = Responsible(ticket, step.Deadline, triageBound);
        if (step.Deadline == DeadlineKind.Archive)
        {
            return [.. ArchiveRecipients(ticket, step)];
        }

        var recipients = new List<ReminderRecipient?>();
        switch (step.Kind)
        {
            case ReminderStepKind.Nudge:
                recipients.Add(step.Deadline == DeadlineKind.InformationRequest ? reporter : responsible);
                break;
            case ReminderStepKind.Breach when IsSupportsOwn(step.Deadline):
                recipients.Add(responsible);
                recipients.AddRange(Escalation(ticket, RecipientRole.Senior));
                break;
            case ReminderStepKind.Breach:
                recipients.Add(reporter);
                recipients.Add(ticket.Assignee is null ? null : responsible);
                break;
            case ReminderStepKind.Lead when step.Deadline == DeadlineKind.Verification:
                // Not an escalation ladder: the assignee's lead is handed an unverified ticket to close by hand.
                recipients.Add(roster.FindTeam(ticket.Team)?.Members.FirstOrDefault(m => m.IsLead && m.Id != ticket.Assignee) is { } lead
                    ? new ReminderRecipient(RecipientKind.Engineer, lead.Id, RecipientRole.Lead)
                    : null);
                break;
            case ReminderStepKind.Lead:
                recipients.AddRange(Escalation(ticket, RecipientRole.Lead));
                break;
            case ReminderStepKind.AutoClose:
                recipients.Add(reporter);
                break;
        }

        return [.. recipients.OfType<ReminderRecipient>().DistinctBy(r => r.Key)];
    }

    /// <summary>Acknowledging and assigning are the team's job, watched in its triage channel; the rest is the assignee's.</summary>
    private ReminderRecipient? Responsible(Ticket ticket, DeadlineKind kind, bool triageBound)
    {
        if (kind is not (DeadlineKind.FirstResponse or DeadlineKind.Assignment) && ticket.Assignee is { } assignee)
        {
            return new ReminderRecipient(RecipientKind.Engineer, assignee, RecipientRole.Responsible);
        }

        if (triageBound)
        {
            return new ReminderRecipient(RecipientKind.Triage, ticket.Team, RecipientRole.Responsible);
        }

        // No triage channel bound yet: the team lead watches the queue instead.
        return roster.FindTeam(ticket.Team)?.Members.FirstOrDefault(m => m.IsLead) is { } lead
            ? new ReminderRecipient(RecipientKind.Engineer, lead.Id, RecipientRole.Responsible)
            : null;
    }

    /// <summary>
    /// The senior engineer at the breach, the lead later; never the assignee, and the lead only when they are not
    /// the one the senior step already reached (a lead who is also the senior is told once).
    /// </summary>
    private ReminderRecipient[] Escalation(Ticket ticket, RecipientRole role)
    {
        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        var senior = members.FirstOrDefault(m => m.IsSenior && !m.IsLead && m.Id != ticket.Assignee)
            ?? members.FirstOrDefault(m => m.IsLead && m.Id != ticket.Assignee);
        var person = role == RecipientRole.Senior
            ? senior
            : members.FirstOrDefault(m => m.IsLead && m.Id != ticket.Assignee && m.Id != senior?.Id);
        return person is null ? [] : [new ReminderRecipient(RecipientKind.Engineer, person.Id, role)];
    }

    private static bool IsSupportsOwn(DeadlineKind kind) => kind.IsSupportsOwn();

    /// <summary>Open tickets owe their deadlines' steps; a closed one owes its archive until it is archived.</summary>
    private static bool OwesSteps(Ticket ticket) => ticket.Status.IsOpen() || (ticket.Status == TicketStatus.Closed && ticket.Archived is null);

    /// <summary>
    /// The draft and its nudge go to whoever decides it; archiving at the deadline is the system's own step, named after
    /// the same person (or the team, when it has nobody to decide) so that it is planned like every other step.
    /// </summary>
    private IEnumerable<ReminderRecipient> ArchiveRecipients(Ticket ticket, ReminderStep step)
    {
        if (ArchiveDesk.DrafterOf(roster, ticket) is { } drafter)
        {
            yield return new ReminderRecipient(RecipientKind.Engineer, drafter, RecipientRole.Responsible);
        }
        else if (step.Kind == ReminderStepKind.Archive)
        {
            yield return new ReminderRecipient(RecipientKind.Triage, ticket.Team, RecipientRole.Responsible);
        }
    }
}
