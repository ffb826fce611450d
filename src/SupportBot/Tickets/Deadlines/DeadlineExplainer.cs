using SupportBot.Localization;

namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// Says in a sentence why a deadline falls when it does, e.g. "due 16:30: 4 h business time from 09:10,
/// paused 1 h 20 min waiting for you", in the calendar's time zone and the reader's language.
/// </summary>
internal sealed class DeadlineExplainer(Localizer localizer)
{
    public string Explain(Deadline deadline, TimeZoneInfo timeZone, string locale, bool readerIsReporter)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var clock = localizer.Get(locale, deadline.RoundTheClock ? "deadline.clockTime" : "deadline.businessTime");
        var waitingFor = localizer.Get(locale, readerIsReporter ? "deadline.waitingFor.you" : "deadline.waitingFor.reporter");
        var start = TimeZoneInfo.ConvertTime(deadline.StartedAt, timeZone);
        var startText = start.ToString(localizer.Get(locale, "format.time"), Localizer.Culture(locale));

        if (deadline.DueAt is not { } dueAt)
        {
            return localizer.Get(locale, "deadline.onHold", waitingFor, Duration(deadline.Span, locale), clock, startText);
        }

        var due = TimeZoneInfo.ConvertTime(dueAt, timeZone);
        var dueFormat = due.Date == start.Date ? "format.time" : "format.dateTime";
        var text = localizer.Get(locale, "deadline.explain", due.ToString(localizer.Get(locale, dueFormat), Localizer.Culture(locale)), Duration(deadline.Span, locale), clock, startText);
        return deadline.Paused > TimeSpan.Zero
            ? text + localizer.Get(locale, "deadline.paused", Duration(deadline.Paused, locale), waitingFor)
            : text;
    }

    /// <summary>"1 h 20 min" / "1小时20分钟"; whole minutes, the largest units first, zero parts left out.</summary>
    public string Duration(TimeSpan span, string locale)
    {
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(localizer.Get(locale, "duration.days", span.Days));
        }

        if (span.Hours > 0)
        {
            parts.Add(localizer.Get(locale, "duration.hours", span.Hours));
        }

        if (span.Minutes > 0 || parts.Count == 0)
        {
            parts.Add(localizer.Get(locale, "duration.minutes", span.Minutes));
        }

        return string.Join(localizer.Get(locale, "duration.separator"), parts);
    }
}
