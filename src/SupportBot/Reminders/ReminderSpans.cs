using SupportBot.Tickets.Deadlines;

namespace SupportBot.Reminders;

internal static class ReminderSpans
{
    /// <summary>A span already checked by <see cref="ReminderOptionsValidator"/>.</summary>
    public static TimeSpan Parse(string text) => text.Trim() is "0" or "0m" ? TimeSpan.Zero :
        DurationText.TryParse(text, out var span) ? span : throw new FormatException($"'{text}' is not a span like 5m or 1h30m.");
}
