using SupportBot.Common;
using SupportBot.Localization;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>
/// How a first occurrence reads on a card, the reporter's and the engineer's alike: a time, a day without a time of day
/// ("yesterday" is not "yesterday 00:00"), or "sometime before" a moment with the reporter's own words beside it.
/// </summary>
internal static class OccurrenceText
{
    /// <summary>The card's text for <paramref name="at"/>; <paramref name="timeFormat"/> is the card's own format for a time of day.</summary>
    public static string Of(Localizer localizer, DateTimeOffset at, OccurrenceNote? note, TimeZoneInfo zone, string locale, string timeFormat)
    {
        var when = localizer.Time(at, zone, locale, note is { DayOnly: true } ? "format.date" : timeFormat);
        return note is { Before: true } ? localizer.Get(locale, "intake.occurredBefore", when, ReporterText.Escape(note.Words)) : when;
    }
}
