namespace SupportBot.Tickets;

/// <summary>
/// How the reporter placed the first occurrence, kept beside <see cref="Ticket.OccurredAt"/> (which stays the one instant
/// sorted and shown): their own words, and whether that instant is only a day ("yesterday") or only a moment it happened
/// before ("before Friday", 「周五之前」). Without it a bound or a bare day would read as a precise time.
/// </summary>
/// <param name="Words">The reporter's answer as they wrote it.</param>
/// <param name="DayOnly">The reporter named a day and no time of day: the instant is that day's start.</param>
/// <param name="Before">The problem began sometime before the instant, not at it.</param>
internal sealed record OccurrenceNote(string Words, bool DayOnly, bool Before);
