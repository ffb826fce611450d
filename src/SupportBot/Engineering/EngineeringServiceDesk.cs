using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Engineering.Actions;
using SupportBot.Intake;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Engineering;

/// <summary>The intake's hand-over, done by engineering: the new ticket's announcement, a person on request, card refreshes.</summary>
internal sealed class EngineeringServiceDesk(NewTicketAnnouncer announcer, ServiceDeskHandoff handoff, TicketBroadcaster broadcaster) : IServiceDesk
{
    public Task AnnounceAsync(ITurnContext turn, Ticket ticket, string confirmation, CancellationToken cancellationToken) =>
        announcer.AnnounceAsync(turn, ticket, confirmation, cancellationToken);

    public Task<bool> RequestPersonAsync(Activity activity, IntakeForm form) => handoff.RequestPersonAsync(activity, form);

    public void ReporterActed(Ticket ticket, TicketAction action, Actor actor)
    {
        Actions.CardAction card = action switch
        {
            TicketAction.AnswerQuestion => CardActions.Answer,
            TicketAction.AddInformation => CardActions.AddInformation,
            TicketAction.Cancel => CardActions.Cancel,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not something a reporter does from chat."),
        };
        broadcaster.Publish(new TicketEvent(ticket, card, actor));
    }
}
