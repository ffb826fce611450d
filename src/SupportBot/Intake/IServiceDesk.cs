using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Intake;

/// <summary>
/// Where the intake hands over to the people who work the tickets. The engineering side implements it, so the
/// dependency between the two features points one way: Engineering knows the intake, the intake knows only this.
/// </summary>
internal interface IServiceDesk
{
    /// <summary>A ticket was filed in this turn: the reporter gets <paramref name="confirmation"/> with its card, the desk its copy.</summary>
    Task AnnounceAsync(ITurnContext turn, Ticket ticket, string confirmation, CancellationToken cancellationToken);

    /// <summary>The reporter asked for a person during the report; false when nobody at the desk could be reached.</summary>
    Task<bool> RequestPersonAsync(Activity activity, IntakeForm form);

    /// <summary>
    /// The reporter changed their own ticket from chat (answered, added information, cancelled), in this turn: the
    /// engineers hear of it and every posted card of the ticket shows it, as when the same is done on a card.
    /// </summary>
    void ReporterActed(Ticket ticket, TicketAction action, Actor actor);
}
