using System.Text.RegularExpressions;
using static SupportBot.Intake.OccurrenceWords;

namespace SupportBot.Intake;

/// <summary>
/// The deadline half of <see cref="OccurrenceTimeParser"/>, for "by when do you need it solved?": the same words read
/// forward. A named day is the coming one ("by Friday", 「周五前」 on a Monday is this Friday, not last week's), "next
/// Monday" / 「下周一」 is Monday of next week, "end of the week" / 「本周内」 is Friday, a date without a year is the
/// next such day, and a day without a time means by the end of that day.
/// </summary>
internal sealed partial class OccurrenceTimeParser
{
    // "until Friday", "within this week": the deadline words OccurrenceWords' "before" does not need for an occurrence.
    [GeneratedRegex(@"^(?:(?:until|till|within|latest|at the latest)\s{1,2})(?<when>\S.*)$|^(?<when>\S.*?)\s{0,2}(?:at the latest|latest|之内|以内|内|为止|截止|完成|解决|搞定)$")]
    private static partial Regex DeadlineWords();

    [GeneratedRegex(@"^(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:work\s*)?week|this\s+week|eow|(?:the\s+|this\s+)?weekend|本周|这周|这个星期|本星期|周末|本周末|这周末|这个周末)$")]
    private static partial Regex EndOfWeek();

    [GeneratedRegex(@"^(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|this\s+month|eom|月底|月末|本月|本月底|这个月|这个月底|本月末)$")]
    private static partial Regex EndOfMonth();

    [GeneratedRegex(@"^(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|(?:the\s+)?end\s+of\s+today|eod|cob|close\s+of\s+business|tonight|下班|今天下班|今天之内|今天内|今晚)$")]
    private static partial Regex EndOfDay();

    [GeneratedRegex(@"^(?:next\s+week|下周|下个星期|下星期|下礼拜|下个礼拜)$")]
    private static partial Regex NextWeek();

    [GeneratedRegex(@"(?<![a-z])next\s{1,2}(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|下个?(?:周|星期|礼拜)")]
    private static partial Regex NextWeekday();

    /// <summary>
    /// When the reporter needs it solved: <see cref="OccurrenceKind.Future"/> with the moment, or Past / Unrecognised
    /// when the answer names no time still ahead.
    /// </summary>
    public Occurrence Deadline(string? answer, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = Normalize(answer);
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        for (var strip = 0; strip < 3 && (BeforeBound(text) ?? (DeadlineWords().Match(text) is { Success: true } bound ? bound.Groups["when"].Value.Trim() : null)) is { } inner; strip++)
        {
            // "by the end of the week", 「本周五之前完成」: the bound and the deadline word say the same; what is left is the day.
            text = inner;
        }

        if (text.Length == 0)
        {
            return Unrecognised;
        }

        var today = DateOnly.FromDateTime(now.DateTime);
        DateOnly? period = text switch
        {
            _ when EndOfDay().IsMatch(text) => today,
            _ when EndOfWeek().IsMatch(text) => ComingDay(text, today, today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayOfWeek.Sunday : DayOfWeek.Friday),
            _ when NextWeek().IsMatch(text) => ComingDay("next", today, DayOfWeek.Friday),
            _ when EndOfMonth().IsMatch(text) => new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month)),
            _ => null,
        };
        var moment = period is { } day ? new Occurrence(OccurrenceKind.Future, Local(day, TimeOnly.MinValue, zone)) : Moment(text, now, zone, ahead: true);
        if (moment.At is not { } at)
        {
            return moment;
        }

        // A day alone is "by the end of that day": 「周五前」 leaves all of Friday.
        var by = moment.HasTime ? at : Local(DateOnly.FromDateTime(at.DateTime), EndOfDayTime, zone);
        return new Occurrence(by > now ? OccurrenceKind.Future : OccurrenceKind.Past, by, moment.HasTime);
    }

    private static readonly TimeOnly EndOfDayTime = new(23, 59);

    /// <summary>
    /// The next <paramref name="target"/> from today on (today itself included), or, for "next Monday" / 「下周一」, the
    /// one in the week after this (weeks start on Monday, as 「下周」 counts them).
    /// </summary>
    private static DateOnly ComingDay(string text, DateOnly today, DayOfWeek target)
    {
        if (text == "next" || NextWeekday().IsMatch(text))
        {
            var mondayNextWeek = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
            return mondayNextWeek.AddDays(((int)target + 6) % 7);
        }

        return today.AddDays(((int)target - (int)today.DayOfWeek + 7) % 7);
    }
}
