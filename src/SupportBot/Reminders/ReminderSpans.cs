using SupportBot.Tickets.Deadlines;

namespace SupportBot.Reminders;

internal static class ReminderSpans
{
    /// <summary>A span as the SLA writes them (<c>5m</c>, <c>1h30m</c>, <c>00:05:00</c>); with <paramref name="zeroAllowed"/>, <c>0</c> as well.</summary>
    public static bool TryParse(string? text, bool zeroAllowed, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        return (zeroAllowed && text?.Trim() is "0" or "0m") || DurationText.TryParse(text, out span);
    }

    /// <summary>A span already checked by <see cref="ReminderOptionsValidator"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, zeroAllowed: true, out var span) ? span : throw new FormatException($"'{text}' is not a span like 5m or 1h30m.");
}
