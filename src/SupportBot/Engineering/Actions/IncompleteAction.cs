using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering.Actions;

/// <summary>
/// "Information missing" (seed 004: 若信息不完整,需在1小时内联系发起人补充,暂缓分配). The engineer says what is missing; support's
/// own clock to contact the reporter starts (met by Ask reporter, or by the reporter adding it first), the assignment
/// clock stands still until the answer, and the answer clears the flag. The reporter is asked with Ask reporter, which
/// goes to them through the outbox and starts their own clock to answer.
/// </summary>
internal sealed class IncompleteAction() : CardAction("incomplete", TicketAction.FlagIncomplete, CardKind.Ticket)
{
    private static readonly TextField Missing = LongText("missing");

    public override IReadOnlyList<CardField> Inputs => [Missing];

    public override bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => ticket.Incomplete is not { IsOpen: true };

    public override CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor)
    {
        var missing = form.Text(Missing);
        return form.Command(Action, t => t with { Incomplete = new InformationGap { Missing = missing ?? "", FlaggedAt = form.Now, FlaggedBy = actor.Name } }, missing);
    }

    /// <summary>Nobody beyond the cards, which refresh: the reporter hears the question itself, from Ask reporter.</summary>
    public override Task TellAsync(TicketEvent done, TicketNotifications tell) => Nobody;
}
