using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering.Actions;
using SupportBot.Intake;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Numbering;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// "log TS-… what was done" / "记录 TS-… 做了什么" in an engineer's personal chat, with screenshots attached: a step of
/// the implementation log, which the card's Log step button cannot carry files for (a card input takes no upload).
/// </summary>
internal sealed partial class ImplementationLogCommand(
    TicketService tickets,
    TicketNumberFormat numbers,
    TicketBroadcaster broadcaster,
    RefusalMessages refusals,
    SupportRoster roster,
    Localizer localizer,
    TimeProvider time)
{
    /// <summary>The answer to a log command from an engineer, or null when the text is not one (or not from an engineer).</summary>
    public string? TryHandle(Activity activity, string locale)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var match = Log().Match(activity.Text?.Trim() ?? "");
        var id = activity.SenderId() ?? "";
        if (!match.Success || roster.FindEngineer(id) is not { } engineer)
        {
            return null;
        }

        var given = match.Groups["number"].Value;
        if (!numbers.TryParse(given, out var number) || tickets.Find(number) is not { } ticket)
        {
            return localizer.Get(locale, "status.notFound", given);
        }

        var now = time.GetUtcNow();
        var files = ReporterFiles.Of(activity, id, now);
        var text = match.Groups["text"].Value.Trim();
        if (text.Length == 0 && files.Count == 0)
        {
            return localizer.Get(locale, "log.empty", ticket.Number);
        }

        if (text.Length > CardForm.LongTextLimit)
        {
            return localizer.Get(locale, "card.error.tooLong", CardForm.LongTextLimit);
        }

        var actor = new Actor(id, engineer.Name);
        var entry = new JournalEntry { At = now, Author = actor.Name, Text = text, Attachments = files };
        // A command names no card version: a change that overtook it (a reminder recorded, say) is no reason to refuse.
        Ticket Logged(Ticket t) => t with { ImplementationLog = [.. t.ImplementationLog, entry] };
        var change = tickets.Apply(ticket, TicketAction.LogImplementation, actor, Logged, text);
        for (var retry = 0; change.Outcome == TicketChangeOutcome.Stale && change.Ticket is { } current && retry < 3; retry++)
        {
            change = tickets.Apply(current, TicketAction.LogImplementation, actor, Logged, text);
        }

        switch (change.Outcome)
        {
            case TicketChangeOutcome.Applied:
                broadcaster.Publish(new TicketEvent(change.Ticket!, CardActions.Log, actor));
                return localizer.Get(locale, "log.done", ticket.Number, files.Count);
            case TicketChangeOutcome.Refused:
                return refusals.Describe(change.Decision!, change.Ticket!, locale);
            default:
                return localizer.Get(locale, "log.stale", ticket.Number);
        }
    }

    [GeneratedRegex(@"^(?:log|记录|实施记录)\s*(?<number>[A-Za-z]{1,6}-?\d[\d-]*)\s*[:：,，]?\s*(?<text>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Log();
}
