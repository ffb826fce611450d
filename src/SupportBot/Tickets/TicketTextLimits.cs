namespace SupportBot.Tickets;

/// <summary>How long a person's text on a ticket may be, wherever it is typed (a card's field, a chat command).</summary>
internal static class TicketTextLimits
{
    /// <summary>A reason, a title, a one-line answer.</summary>
    public const int Short = 500;
}
