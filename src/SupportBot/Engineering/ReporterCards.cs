using System.Text.Json.Nodes;
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
public sealed class ReporterCards(Localizer localizer, TicketCard tickets, CardInputsForm inputs)
{
    public JsonObject Render(CardKind kind, Ticket ticket, CardTarget target, CardNotice? notice = null, CardSubmission? retry = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(target);
        var locale = target.Locale;
        var body = Heading(ticket, notice);
        body.Add(Text(Prompt(kind, ticket, locale)));

        var ops = OpsFor(kind).Where(op => TicketLifecycle.Decide(ticket, op.Action, TicketRole.Reporter).IsAllowed).ToList();
        if (ops.Count == 0)
        {
            // Answered or overtaken: say where the ticket stands, and offer nothing to press.
            body.Add(Text(localizer.Get(locale, "reporterCard.now", localizer.Get(locale, $"status.{ticket.Status}")), subtle: true));
            return Card(body);
        }

        var buttons = new List<JsonObject>();
        foreach (var op in ops)
        {
            var title = localizer.Get(locale, $"card.op.{op.Verb}");
            var fields = inputs.For(op, ticket, locale, retry?.Op == op.Verb ? retry : null);
            var send = Button(target, op.AsksForInput ? localizer.Get(locale, $"card.send.{op.Verb}") : title, op.Verb, ticket.Number, ticket.Version, op == CardOps.Solved || op == CardOps.Approve ? "positive" : null);

            // A card with one action shows its inputs at once; with several, each opens its own.
            if (ops.Count == 1)
            {
                foreach (var field in fields)
                {
                    body.Add(field!.DeepClone());
                }

                buttons.Add(send);
            }
            else
            {
                buttons.Add(op.AsksForInput ? ShowCard(title, fields, send) : send);
            }
        }

        body.Add(ActionSet(buttons));
        return Card(body);
    }

    private string Prompt(CardKind kind, Ticket ticket, string locale)
    {
        string Last(string what) => ReporterText.Escape(ticket.History.LastOrDefault(e => e.What == what)?.Note ?? "");
        string Engineer(string what) => ReporterText.Escape(ticket.History.LastOrDefault(e => e.What == what)?.ActorName ?? "");
        return kind switch
        {
            CardKind.Question => localizer.Get(locale, "reporterCard.question", Engineer("askReporter"), Last("askReporter")),
            CardKind.Approval => localizer.Get(locale, "reporterCard.approval", Engineer("proposeSolution"), ReporterText.Escape(ticket.Plan?.Text ?? "")),
            CardKind.Verification => localizer.Get(locale, "reporterCard.verification", ReporterText.Escape(ticket.Resolution?.FinalSolution ?? "")),
            CardKind.Rating => localizer.Get(locale, "reporterCard.rating"),
            _ => tickets.HistoryText(ticket.History[^1], locale),
        };
    }

    private static IReadOnlyList<CardOp> OpsFor(CardKind kind) => kind switch
    {
        CardKind.Question => [CardOps.Answer],
        CardKind.Approval => [CardOps.Approve, CardOps.Decline],
        CardKind.Verification => [CardOps.Solved, CardOps.NotSolved],
        CardKind.Rating => [CardOps.Rate],
        _ => [],
    };
}
