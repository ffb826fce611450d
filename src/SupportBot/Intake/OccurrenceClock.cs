using System.Text.RegularExpressions;
using static SupportBot.Intake.OccurrenceWords;

namespace SupportBot.Intake;

/// <summary>The clock-time half of <see cref="OccurrenceTimeParser"/>: "3pm", "14:00", "at 9", 「下午3点半」.</summary>
internal sealed partial class OccurrenceTimeParser
{
    // The first hour of a working day: an hour before it, said without am/pm, is the afternoon's.
    private const int WorkdayStarts = 7;

    [GeneratedRegex(@"(?<![\d.:])(?<h>\d{1,2})(?::(?<min>\d{2}))?\s{0,2}(?<ampm>am|pm|a\.m\.|p\.m\.)(?![a-z])|(?<![\d.:])(?<h>\d{1,2}):(?<min>\d{2})(?![\d])")]
    private static partial Regex EnglishClock();

    // "at 9", "around 10", "9 o'clock": an hour alone is a time only with a word that makes it one ("9" alone is not).
    [GeneratedRegex(@"(?<![a-z])(?:at|around|about|approx\.?|approximately|~)\s{0,2}(?<h>\d{1,2})(?:\s{0,2}o'?clock)?(?![\d:./a-z])|(?<![\d.:/])(?<h>\d{1,2})\s{0,2}o'?clock(?![a-z])")]
    private static partial Regex BareHour();

    [GeneratedRegex(@"(?<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s{0,2}(?<![\d])(?<h>\d{1,2}|[一二两三四五六七八九十]{1,3})\s{0,2}(?:点|時|时)\s{0,2}(?:(?<half>半)|(?<quarter>一刻)|(?<min>\d{1,2}(?!\d)|[一二三四五六七八九十]{1,3})\s{0,2}分?)?")]
    private static partial Regex ChineseClock();

    /// <summary>The clock time named, and whether what looked like one could be read (「25点」, "25:00" cannot).</summary>
    private static (TimeOnly? Clock, bool Readable) Clock(string text)
    {
        if (EnglishClock().Match(text) is { Success: true } english)
        {
            var hour = (int)(Number(english.Groups["h"].Value) ?? 99);
            var minute = english.Groups["min"].Success ? (int)(Number(english.Groups["min"].Value) ?? 99) : 0;
            if (english.Groups["ampm"].Success)
            {
                if (hour is < 1 or > 12)
                {
                    return (null, false);
                }

                hour = hour % 12 + (english.Groups["ampm"].Value.StartsWith('p') ? 12 : 0);
            }

            return Valid(hour, minute);
        }

        if (BareHour().Match(text) is { Success: true } bare)
        {
            return Valid(WorkingHour((int)(Number(bare.Groups["h"].Value) ?? 99)), 0);
        }

        if (ChineseClock().Match(text) is { Success: true } chinese)
        {
            if ((ChineseNumber(chinese.Groups["h"].Value) ?? Number(chinese.Groups["h"].Value)) is not { } h)
            {
                return (null, false);
            }

            var hour = (int)h;
            var minute = chinese.Groups["half"].Success ? 30 : chinese.Groups["quarter"].Success ? 15
                : chinese.Groups["min"].Success ? (int)(ChineseNumber(chinese.Groups["min"].Value) ?? Number(chinese.Groups["min"].Value) ?? 99) : 0;
            var part = chinese.Groups["part"].Success ? chinese.Groups["part"].Value : Has(text, "昨晚", "今晚", "明晚", "晚上") ? "晚上" : "";
            if (hour > 23 || (part is "下午" or "傍晚" or "晚上" or "夜里" && hour > 12))
            {
                return (null, false);
            }

            if (part is "下午" or "傍晚" or "晚上" or "夜里" && hour < 12)
            {
                hour += 12;
            }
            else if (part == "中午" && hour < 6)
            {
                hour += 12;
            }

            return Valid(part.Length == 0 ? WorkingHour(hour) : hour, minute);
        }

        TimeOnly? named = text switch
        {
            _ when Has(text, "this morning") || text is "今早" or "今天早上" or "今天上午" => new TimeOnly(9, 0),
            _ when Has(text, "afternoon") || text.EndsWith("下午", StringComparison.Ordinal) => new TimeOnly(15, 0),
            _ when Has(text, "last night", "tonight", "evening") || text is "昨晚" or "今晚" => new TimeOnly(20, 0),
            _ when Has(text, "noon") || text.EndsWith("中午", StringComparison.Ordinal) => new TimeOnly(12, 0),
            _ => null,
        };
        return (named, true);
    }

    /// <summary>A valid hour and minute, or a reading that failed (null clock, <c>Readable</c> false).</summary>
    private static (TimeOnly? Clock, bool Readable) Valid(int hour, int minute) =>
        hour is >= 0 and < 24 && minute is >= 0 and < 60 ? (new TimeOnly(hour, minute), true) : (null, false);

    /// <summary>
    /// "at 9" or 「3点」 with no am/pm or 上午/下午: a service desk hears working hours, so 7 to 12 are the morning's and
    /// noon, 1 to 6 the afternoon's (3 is 15:00). No guess is made past that: if the hour is still ahead today, the
    /// reporter is told the time it is now and asked again, and says "9pm" or 「晚上9点」.
    /// </summary>
    private static int WorkingHour(int hour) => hour is >= 1 and < WorkdayStarts ? hour + 12 : hour;
}
