using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Intake;

/// <summary>What a reporter's "when did it happen?" answer means.</summary>
public enum OccurrenceKind
{
    /// <summary>A time at or before now.</summary>
    Past,

    /// <summary>A time after now: a problem cannot have happened then.</summary>
    Future,

    /// <summary>No date or time in the answer.</summary>
    Unrecognised,
}

/// <summary><see cref="HasTime"/> is false when the reporter named only a day ("yesterday", "11月20日").</summary>
public sealed record Occurrence(OccurrenceKind Kind, DateTimeOffset? At = null, bool HasTime = false);

/// <summary>
/// Reads when a problem happened from natural language in English and Chinese, relative to the injected
/// clock and the reporter's time zone: "just now", "yesterday 3pm", "2 hours ago", "last Friday",
/// "2026-11-20 14:00", 「刚才」, 「今天上午10点」, 「昨天下午3点半」, 「半小时前」, 「11月20日」, 「上周五」.
/// (Microsoft.Recognizers.Text.DateTime cannot be restored here: its Definitions package is not on our
/// NuGet registry, so this covers the phrasings reporters use for a first occurrence.)
/// </summary>
public sealed partial class OccurrenceTimeParser(TimeProvider time)
{
    // Reporters' "now" is approximate; a minute or two ahead is their clock, not the future.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@"^(?:just now|now|right now|a moment ago|moments ago|刚才|刚刚|现在|刚)$")]
    private static partial Regex NowWords();

    [GeneratedRegex(@"(?<n>\d+|an?|half an?|one|two|three|半|[一二两三四五六七八九十]+)\s*(?:个)?\s*(?<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|分钟|小时|钟头|天|周|星期)\s*(?:ago|之前|以前|前)")]
    private static partial Regex Ago();

    [GeneratedRegex(@"(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*[日号]?|(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]?|(?<m>\d{1,2})/(?<d>\d{1,2})(?![/\d])")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?")]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"(?<last>last\s+|上(?:个)?)?(?:(?<en>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:周|星期|礼拜)(?<zh>[一二三四五六日天]))")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?<h>\d{1,2})(?::(?<min>\d{2}))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)|(?<h>\d{1,2}):(?<min>\d{2})")]
    private static partial Regex EnglishClock();

    [GeneratedRegex(@"(?<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(?<h>\d{1,2}|[一二两三四五六七八九十]+)\s*(?:点|時|时)\s*(?:(?<half>半)|(?<quarter>一刻)|(?<min>\d{1,2}|[一二三四五六七八九十]+)\s*分?)?")]
    private static partial Regex ChineseClock();

    /// <summary>The clock the parser judges "past" and "future" by.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public Occurrence Parse(string? answer, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = Normalize(answer);
        if (text.Length == 0)
        {
            return new Occurrence(OccurrenceKind.Unrecognised);
        }

        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        if (NowWords().IsMatch(text))
        {
            return new Occurrence(OccurrenceKind.Past, now, HasTime: true);
        }

        if (Ago().Match(text) is { Success: true } ago)
        {
            return Judge(now - AgoSpan(ago), now, hasTime: true);
        }

        var day = Day(text, now);
        var clock = Clock(text);
        if (day is null && clock is null)
        {
            return new Occurrence(OccurrenceKind.Unrecognised);
        }

        var date = day ?? DateOnly.FromDateTime(now.DateTime);
        var local = date.ToDateTime(clock ?? TimeOnly.MinValue);
        return Judge(new DateTimeOffset(local, zone.GetUtcOffset(local)), now, clock is not null);
    }

    private static Occurrence Judge(DateTimeOffset at, DateTimeOffset now, bool hasTime) =>
        at > now + ClockSlack && (hasTime || DateOnly.FromDateTime(at.DateTime) > DateOnly.FromDateTime(now.DateTime))
            ? new Occurrence(OccurrenceKind.Future, at, hasTime)
            : new Occurrence(OccurrenceKind.Past, at, hasTime);

    private static string Normalize(string? answer) =>
        (answer ?? "").Normalize(NormalizationForm.FormKC).Trim().TrimEnd('.', '。', '!', '！').ToLowerInvariant();

    private static TimeSpan AgoSpan(Match ago)
    {
        var n = ago.Groups["n"].Value;
        var amount = n.StartsWith("half", StringComparison.Ordinal) || n == "半" ? 0.5
            : n is "a" or "an" or "one" ? 1 : n == "two" ? 2 : n == "three" ? 3
            : ChineseNumber(n) ?? double.Parse(n, CultureInfo.InvariantCulture);
        var unit = ago.Groups["unit"].Value;
        return unit switch
        {
            _ when unit.StartsWith("min", StringComparison.Ordinal) || unit == "分钟" => TimeSpan.FromMinutes(amount),
            _ when unit.StartsWith('h') || unit is "小时" or "钟头" => TimeSpan.FromHours(amount),
            _ when unit.StartsWith('w') || unit is "周" or "星期" => TimeSpan.FromDays(7 * amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    private static DateOnly? Day(string text, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        if (text.Contains("day after tomorrow", StringComparison.Ordinal) || text.Contains("后天", StringComparison.Ordinal))
        {
            return today.AddDays(2);
        }

        if (text.Contains("tomorrow", StringComparison.Ordinal) || text.Contains('明', StringComparison.Ordinal))
        {
            return today.AddDays(1);
        }

        if (text.Contains("day before yesterday", StringComparison.Ordinal) || text.Contains("前天", StringComparison.Ordinal))
        {
            return today.AddDays(-2);
        }

        if (text.Contains("yesterday", StringComparison.Ordinal) || text.Contains('昨', StringComparison.Ordinal) || text.Contains("last night", StringComparison.Ordinal))
        {
            return today.AddDays(-1);
        }

        if (text.Contains("today", StringComparison.Ordinal) || text.Contains('今', StringComparison.Ordinal) || text.Contains("this morning", StringComparison.Ordinal)
            || text.Contains("this afternoon", StringComparison.Ordinal) || text.Contains("tonight", StringComparison.Ordinal) || text.Contains("this evening", StringComparison.Ordinal))
        {
            return today;
        }

        if (NumericDate().Match(text) is { Success: true } numeric)
        {
            var year = numeric.Groups["y"].Success ? int.Parse(numeric.Groups["y"].Value, CultureInfo.InvariantCulture) : today.Year;
            return SafeDate(year, int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(numeric.Groups["d"].Value, CultureInfo.InvariantCulture), today, numeric.Groups["y"].Success);
        }

        if (NamedMonthDate().Match(text) is { Success: true } named)
        {
            var month = Array.IndexOf(Months, named.Groups["mon"].Value[..3]) + 1;
            return SafeDate(today.Year, month, int.Parse(named.Groups["d"].Value, CultureInfo.InvariantCulture), today, yearGiven: false);
        }

        if (Weekday().Match(text) is { Success: true } weekday)
        {
            var target = weekday.Groups["en"].Success
                ? Enum.Parse<DayOfWeek>(weekday.Groups["en"].Value, ignoreCase: true)
                : (DayOfWeek)("日一二三四五六".IndexOf(weekday.Groups["zh"].Value.Replace('天', '日'), StringComparison.Ordinal));
            var back = ((int)today.DayOfWeek - (int)target + 7) % 7;
            if (weekday.Groups["last"].Success && weekday.Groups["last"].Value.StartsWith('上'))
            {
                // 上周五 is Friday of last week, counted from this week's Monday.
                var mondayThisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return mondayThisWeek.AddDays(-7 + (((int)target + 6) % 7));
            }

            return today.AddDays(back == 0 && weekday.Groups["last"].Success ? -7 : -back);
        }

        return null;
    }

    /// <summary>A month and day without a year is the most recent such day: in January, "12月30日" is last December.</summary>
    private static DateOnly? SafeDate(int year, int month, int day, DateOnly today, bool yearGiven)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        return !yearGiven && date > today && day <= DateTime.DaysInMonth(year - 1, month) ? new DateOnly(year - 1, month, day) : date;
    }

    private static TimeOnly? Clock(string text)
    {
        if (EnglishClock().Match(text) is { Success: true } english)
        {
            var hour = int.Parse(english.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = english.Groups["min"].Success ? int.Parse(english.Groups["min"].Value, CultureInfo.InvariantCulture) : 0;
            var pm = english.Groups["ampm"].Value.StartsWith('p');
            hour = english.Groups["ampm"].Success ? hour % 12 + (pm ? 12 : 0) : hour;
            return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
        }

        if (ChineseClock().Match(text) is { Success: true } chinese && (ChineseNumber(chinese.Groups["h"].Value) ?? Number(chinese.Groups["h"].Value)) is { } h)
        {
            var hour = (int)h;
            var minute = chinese.Groups["half"].Success ? 30 : chinese.Groups["quarter"].Success ? 15
                : chinese.Groups["min"].Success ? (int)(ChineseNumber(chinese.Groups["min"].Value) ?? Number(chinese.Groups["min"].Value) ?? 0) : 0;
            var part = chinese.Groups["part"].Success ? chinese.Groups["part"].Value : text.Contains('晚', StringComparison.Ordinal) ? "晚上" : "";
            if (part is "下午" or "傍晚" or "晚上" or "夜里" && hour < 12)
            {
                hour += 12;
            }
            else if (part == "中午" && hour < 6)
            {
                hour += 12;
            }

            return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
        }

        return text switch
        {
            _ when text.Contains("this morning", StringComparison.Ordinal) || text is "今早" or "今天早上" or "今天上午" => new TimeOnly(9, 0),
            _ when text.Contains("afternoon", StringComparison.Ordinal) || text.EndsWith("下午", StringComparison.Ordinal) => new TimeOnly(15, 0),
            _ when text.Contains("last night", StringComparison.Ordinal) || text.Contains("tonight", StringComparison.Ordinal) || text.Contains("evening", StringComparison.Ordinal) || text is "昨晚" or "今晚" => new TimeOnly(20, 0),
            _ when text.Contains("noon", StringComparison.Ordinal) || text.EndsWith("中午", StringComparison.Ordinal) => new TimeOnly(12, 0),
            _ => null,
        };
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static double? Number(string digits) =>
        double.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>一 … 二十三 and 两, the numbers of clock times and "ago" amounts.</summary>
    private static double? ChineseNumber(string text)
    {
        const string Digits = "零一二三四五六七八九";
        if (text.Length == 0 || text.Any(c => Digits.IndexOf(c, StringComparison.Ordinal) < 0 && c is not '十' and not '两'))
        {
            return null;
        }

        text = text.Replace('两', '二');
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return Digits.IndexOf(text[0], StringComparison.Ordinal);
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(text[0], StringComparison.Ordinal);
        var ones = ten == text.Length - 1 ? 0 : Digits.IndexOf(text[ten + 1], StringComparison.Ordinal);
        return tens * 10 + ones;
    }
}
