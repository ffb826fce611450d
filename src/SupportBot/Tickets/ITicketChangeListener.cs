namespace SupportBot.Tickets;

/// <summary>
/// Told after every ticket the <see cref="TicketService"/> creates or saves, so features that derive work from
/// tickets (the reminders) follow every change. Called on the changing caller's thread: implementations only queue.
/// </summary>
internal interface ITicketChangeListener
{
    void Changed(Ticket ticket);
}
