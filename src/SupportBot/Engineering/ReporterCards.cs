using System.Text.Json.Nodes;
using SupportBot.Engineering.Actions;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using static SupportBot.Engineering.CardElements;
using SupportBot.Common;

namespace SupportBot.Engineering;

/// <summary>
/// The cards that ask the reporter something: an engineer's question, approval of a change, verification of the
/// fix, a satisfaction rating. Once answered (or overtaken) the same card shows where the ticket stands instead.
/// </summary>
internal sealed class ReporterCards(Localizer localizer, TicketCard tickets, CardInputsForm inputs)
{
    public JsonObject Render(CardKind kind, Ticket ticket, CardTarget target, CardNotice? notice = null, CardSubmission? retry = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(target);
        var locale = target.Locale;
        var body = Heading(ticket, notice);
        body.Add(Text(Prompt(kind, ticket, locale)));

        var actions = CardActions.On(kind).Where(action => action.Permit(ticket, TicketRole.Reporter).IsAllowed).ToList();
        if (actions.Count == 0)
        {
            // Answered or overtaken: say where the ticket stands, and offer nothing to press.
            body.Add(Text(localizer.Get(locale, "reporterCard.now", localizer.Get(locale, $"status.{ticket.Status}")), subtle: true));
            return Card(body);
        }

        // A card with one action shows its inputs at once; with several, each opens its own.
        var buttons = new List<JsonObject>();
        if (actions is [var only])
        {
            foreach (var field in inputs.For(only, ticket, locale, CardInputsForm.Retried(only, retry)))
            {
                body.Add(field!.DeepClone());
            }

            buttons.Add(inputs.Send(only, ticket, target));
        }
        else
        {
            buttons.AddRange(actions.Select(action => inputs.Button(action, ticket, target, retry)));
        }

        body.Add(ActionSet(buttons));
        return Card(body);
    }

    /// <summary>What was done, how long it took from filing to the fix, and what to do next time (seed 001).</summary>
    private string Verification(Ticket ticket, string locale)
    {
        var resolution = ticket.Resolution;
        var taken = ticket.Milestones.ResolvedAt is { } resolved ? tickets.Duration(resolved - ticket.SubmittedAt, locale) : "—";
        var advice = resolution?.Advice is { Length: > 0 } given ? "\n" + localizer.Get(locale, "reporterCard.advice", ReporterText.Escape(given)) : "";
        return localizer.Get(locale, "reporterCard.verification", ReporterText.Escape(resolution?.FinalSolution ?? ""), taken, advice);
    }

    private string Prompt(CardKind kind, Ticket ticket, string locale)
    {
        string Last(string what) => ReporterText.Escape(ticket.History.LastOrDefault(e => e.What == what)?.Note ?? "");
        string Engineer(string what) => ReporterText.Escape(ticket.History.LastOrDefault(e => e.What == what)?.ActorName ?? "");
        return kind switch
        {
            CardKind.Question => localizer.Get(locale, "reporterCard.question", Engineer("askReporter"), Last("askReporter")),
            CardKind.Approval => localizer.Get(locale, "reporterCard.approval", Engineer("proposeSolution"), ReporterText.Escape(ticket.Plan?.Text ?? "")),
            CardKind.Verification => Verification(ticket, locale),
            CardKind.Rating => localizer.Get(locale, "reporterCard.rating"),
            _ => tickets.HistoryText(ticket.History[^1], locale),
        };
    }
}
