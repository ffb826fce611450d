using System.Text.Json.Nodes;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Engineering;

/// <summary>
/// The inputs each action asks for. After a refused submission they are shown again with what was typed, so a
/// validation error never costs the engineer their text.
/// </summary>
public sealed class CardInputsForm(Localizer localizer, SupportRoster roster)
{
    public JsonArray For(CardOp op, Ticket ticket, string locale, CardSubmission? retry)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(ticket);
        string Id(string name) => CardInputs.Id(op.Verb, name);
        string? Typed(string name) => retry?.Inputs.GetValueOrDefault(Id(name));
        string Label(string name) => localizer.Get(locale, $"card.input.{op.Verb}.{name}");
        string Required(string name) => localizer.Get(locale, $"card.error.required.{name}");
        JsonObject LongText(string name) => TextInput(Id(name), Label(name), required: true, CardCommands.LongTextLimit, multiline: true, Typed(name), Required(name));
        JsonObject Reason(bool required) => TextInput(Id("reason"), Label("reason"), required, CardCommands.ShortTextLimit, multiline: false, Typed("reason"), required ? Required("reason") : null);

        var members = roster.FindTeam(ticket.Team)?.Members ?? [];
        return op.Verb switch
        {
            "assign" => [Choices(Id("engineer"), Label("engineer"), members.Where(m => m.Id != ticket.Assignee).Select(m => (m.Name, m.Id)), Typed("engineer"), errorMessage: Required("engineer"))],
            "cohandler" => [Choices(Id("engineer"), Label("engineer"), members.Where(m => m.Id != ticket.Assignee && !ticket.CoHandlers.Contains(m.Id)).Select(m => (m.Name, m.Id)), Typed("engineer"), errorMessage: Required("engineer"))],
            "priority" =>
            [
                Choices(Id("priority"), Label("priority"), Enum.GetValues<Priority>().Where(p => p != ticket.Priority).Select(p => (localizer.Get(locale, $"priority.{p}"), p.Key())), Typed("priority"), errorMessage: Required("priority")),
                Reason(required: true),
            ],
            "note" => [LongText("text")],
            "ask" => [LongText("question")],
            "block" => [Reason(required: true), Date(Id("estimate"), Label("estimate"), Typed("estimate"))],
            "propose" => [LongText("solution"), Toggle(Id("changesData"), Label("changesData"), Typed("changesData"))],
            "resolve" => [LongText("solution"), Number(Id("effort"), Label("effort"), 1, CardCommands.MaxEffortMinutes, Typed("effort"), localizer.Get(locale, "card.error.effort", CardCommands.MaxEffortMinutes))],
            "reopen" or "cancel" => [Reason(required: true)],
            "decline" => [Reason(required: false)],
            "answer" => [LongText("answer")],
            "notsolved" => [LongText("stillWrong")],
            "rate" =>
            [
                Choices(Id("rating"), Label("rating"), Enum.GetValues<SatisfactionRating>().Select(r => (localizer.Get(locale, $"rating.{r}"), r.ToString())), Typed("rating"), expanded: true, Required("rating")),
                TextInput(Id("comment"), Label("comment"), required: false, CardCommands.LongTextLimit, multiline: true, Typed("comment"), null),
            ],
            _ => [],
        };
    }
}
