using System.Globalization;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>A card button made ready for the ticket service: the action, what it changes, and the history note.</summary>
public sealed record CardCommand(TicketAction Action, Func<Ticket, Ticket>? Amend, string? Note);

/// <summary>What was wrong with a card's input: a localised sentence key and its arguments, shown on the card.</summary>
public sealed record CardInputProblem(string MessageKey, params object[] Args);

/// <summary>
/// Checks a card's inputs (required reasons, lengths, numbers, dates, team members) and turns a valid submission
/// into a <see cref="CardCommand"/>. The lifecycle still decides whether the action may happen at all.
/// </summary>
public sealed class CardCommands(SupportRoster roster, TimeProvider time)
{
    public const int ShortTextLimit = 500;
    public const int LongTextLimit = 4000;
    public const int MaxEffortMinutes = 100_000;

    public CardCommand? Prepare(CardOp op, CardSubmission submission, Ticket ticket, Tickets.Actor actor, out CardInputProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(actor);
        problem = null;
        var now = time.GetUtcNow();
        string? Text(string name, int limit, bool required, ref CardInputProblem? found)
        {
            var value = submission.Input(name);
            if (found is not null)
            {
                return value;
            }

            if (value is null && required)
            {
                found = new CardInputProblem($"card.error.required.{name}");
            }
            else if (value?.Length > limit)
            {
                found = new CardInputProblem("card.error.tooLong", limit);
            }

            return value;
        }

        CardCommand? command = null;
        switch (op.Verb)
        {
            case "take":
                command = ticket.Assignee == actor.Id
                    ? Fail(ref problem, new CardInputProblem("card.error.alreadyYours"))
                    : new CardCommand(op.Action, t => t with { Assignee = actor.Id, CoHandlers = [.. t.CoHandlers.Where(id => id != actor.Id)] }, null);
                break;
            case "assign":
                var engineer = TeamMember(submission.Input("engineer"), ticket, ref problem);
                command = engineer is null ? null
                    : engineer.Id == ticket.Assignee ? Fail(ref problem, new CardInputProblem("card.error.sameAssignee"))
                    : new CardCommand(op.Action, t => t with { Assignee = engineer.Id, CoHandlers = [.. t.CoHandlers.Where(id => id != engineer.Id)] }, null);
                break;
            case "priority":
                var reason = Text("reason", ShortTextLimit, required: true, ref problem);
                var known = PriorityNames.TryParse(submission.Input("priority"), out var priority);
                command = problem is not null ? null
                    : !known ? Fail(ref problem, new CardInputProblem("card.error.required.priority"))
                    : priority == ticket.Priority ? Fail(ref problem, new CardInputProblem("card.error.samePriority"))
                    : new CardCommand(op.Action, t => t with { Priority = priority }, reason);
                break;
            case "note":
                var note = Text("text", LongTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, t => t with { DiagnosisLog = [.. t.DiagnosisLog, new JournalEntry { At = now, Author = actor.Name, Text = note! }] }, note) : null;
                break;
            case "ask":
                var question = Text("question", LongTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, null, question) : null;
                break;
            case "block":
                var why = Text("reason", ShortTextLimit, required: true, ref problem);
                var estimate = Date(submission.Input("estimate"), ref problem);
                command = problem is null ? new CardCommand(op.Action, t => t with { EstimatedBy = estimate ?? t.EstimatedBy }, why) : null;
                break;
            case "propose":
                var plan = Text("solution", LongTextLimit, required: true, ref problem);
                var changesData = string.Equals(submission.Input("changesData"), "true", StringComparison.OrdinalIgnoreCase);
                command = problem is null ? new CardCommand(op.Action, t => t with { Plan = new SolutionPlan { Text = plan!, ChangesDataOrSystems = changesData } }, plan) : null;
                break;
            case "resolve":
                var solution = Text("solution", LongTextLimit, required: true, ref problem);
                var counted = int.TryParse(submission.Input("effort"), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes);
                command = problem is not null ? null
                    : !counted || minutes < 1 || minutes > MaxEffortMinutes ? Fail(ref problem, new CardInputProblem("card.error.effort", MaxEffortMinutes))
                    : new CardCommand(op.Action, t => t with { Resolution = new Resolution { FinalSolution = solution!, EffortMinutes = minutes } }, solution);
                break;
            case "reopen" or "cancel":
                var because = Text("reason", ShortTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, null, because) : null;
                break;
            case "escalate":
                var target = EscalationTarget(ticket, actor);
                command = target is null
                    ? Fail(ref problem, new CardInputProblem("card.error.noEscalation"))
                    : new CardCommand(op.Action, t => t with { CoHandlers = [.. t.CoHandlers, target.Id] }, null);
                break;
            case "cohandler":
                var helper = TeamMember(submission.Input("engineer"), ticket, ref problem);
                command = helper is null ? null
                    : helper.Id == ticket.Assignee || ticket.CoHandlers.Contains(helper.Id) ? Fail(ref problem, new CardInputProblem("card.error.alreadyHandling"))
                    : new CardCommand(op.Action, t => t with { CoHandlers = [.. t.CoHandlers, helper.Id] }, null);
                break;
            case "answer":
                var answer = Text("answer", LongTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, null, answer) : null;
                break;
            case "approve":
                command = new CardCommand(op.Action, t => t with { Plan = t.Plan! with { ApprovedAt = now } }, null);
                break;
            case "decline":
                var declined = Text("reason", ShortTextLimit, required: false, ref problem);
                command = problem is null ? new CardCommand(op.Action, t => t with { Plan = t.Plan! with { DeclinedAt = now } }, declined) : null;
                break;
            case "solved":
                command = new CardCommand(op.Action, t => t with { Verification = new Verification { Solved = true, At = now } }, null);
                break;
            case "notsolved":
                var stillWrong = Text("stillWrong", LongTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, t => t with { Verification = new Verification { Solved = false, StillWrong = stillWrong, At = now } }, stillWrong) : null;
                break;
            case "rate":
                var comment = Text("comment", LongTextLimit, required: false, ref problem);
                var rated = Enum.TryParse<SatisfactionRating>(submission.Input("rating"), ignoreCase: true, out var rating) && Enum.IsDefined(rating);
                command = problem is not null ? null
                    : !rated ? Fail(ref problem, new CardInputProblem("card.error.required.rating"))
                    : new CardCommand(op.Action, t => t with { Satisfaction = new Satisfaction { Rating = rating, Comment = comment, At = now } }, comment);
                break;
            case "info":
                var information = Text("text", LongTextLimit, required: true, ref problem);
                command = problem is null ? new CardCommand(op.Action, null, information) : null;
                break;
            default:
                command = new CardCommand(op.Action, null, null);
                break;
        }

        return problem is null ? command : null;
    }

    /// <summary>Escalation goes to the team's senior engineer, then its lead: the first not already on the ticket.</summary>
    public Engineer? EscalationTarget(Ticket ticket, Tickets.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(actor);
        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        bool Free(Engineer e) => e.Id != actor.Id && e.Id != ticket.Assignee && !ticket.CoHandlers.Contains(e.Id);
        return members.FirstOrDefault(e => e.IsSenior && !e.IsLead && Free(e)) ?? members.FirstOrDefault(e => e.IsLead && Free(e));
    }

    private Engineer? TeamMember(string? id, Ticket ticket, ref CardInputProblem? problem)
    {
        if (problem is not null)
        {
            return null;
        }

        if (id is not null && roster.FindEngineer(id) is { } engineer && roster.IsMemberOf(id, ticket.Team))
        {
            return engineer;
        }

        problem = new CardInputProblem("card.error.engineer");
        return null;
    }

    private static DateOnly? Date(string? text, ref CardInputProblem? problem)
    {
        if (text is null || problem is not null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem = new CardInputProblem("card.error.date");
        return null;
    }

    private static CardCommand? Fail(ref CardInputProblem? problem, CardInputProblem found)
    {
        problem = found;
        return null;
    }
}
