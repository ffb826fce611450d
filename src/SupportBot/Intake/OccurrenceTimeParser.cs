using System.Globalization;
using System.Text.RegularExpressions;
using SupportBot.Localization;
using SupportBot.Tickets;
using static SupportBot.Intake.OccurrenceWords;

namespace SupportBot.Intake;

/// <summary>What a reporter's "when did it happen?" answer means.</summary>
internal enum OccurrenceKind
{
    /// <summary>A time at or before now.</summary>
    Past,

    /// <summary>A time after now: a problem cannot have happened then.</summary>
    Future,

    /// <summary>No date or time in the answer.</summary>
    Unrecognised,
}

/// <summary>
/// <see cref="HasTime"/> is false when the reporter named only a day ("yesterday", "11月20日"); <see cref="Before"/> is true
/// when they said only that it happened before <see cref="At"/> ("before Friday", 「周五之前」).
/// </summary>
internal sealed record Occurrence(OccurrenceKind Kind, DateTimeOffset? At = null, bool HasTime = false, bool Before = false)
{
    /// <summary>What the ticket keeps beside the instant, so a day or a bound is never shown as a precise time.</summary>
    public OccurrenceNote NoteOf(string words) => new(words.Trim(), DayOnly: !HasTime, Before);
}

/// <summary>
/// Reads when a problem happened from natural language in English and Chinese, relative to the injected
/// clock and the reporter's time zone: "just now", "yesterday 3pm", "2 hours ago", "last Friday",
/// "2026-11-20 14:00", 「刚才」, 「今天上午10点」, 「昨天下午3点半」, 「半小时前」, 「11月20日」, 「上周五」.
/// Whole words only (「明显」 is not 「明天」, "nan" holds no "an"), numbers of bounded length and range, and a
/// time written with an offset (…Z, +02:00) is read at that offset. Whatever it cannot read with confidence —
/// an hour 25, a year 0001, "1e308 days ago", a month without its day — is <see cref="OccurrenceKind.Unrecognised"/>,
/// so the reporter is asked again with examples rather than a wrong time being kept.
/// (Microsoft.Recognizers.Text.DateTime cannot be restored here and the registry has no other recognizer for
/// English and Chinese, so this covers the phrasings reporters use for a first occurrence.)
/// </summary>
internal sealed partial class OccurrenceTimeParser(TimeProvider time)
{
    // Reporters' "now" is approximate; a minute or two ahead is their clock, not the future.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    // A first occurrence further back than this is a typo or a test, not an answer to keep.
    private const int OldestYears = 10;

    [GeneratedRegex(@"^(?:just now|now|right now|a moment ago|moments ago|刚才|刚刚|现在|刚)$")]
    private static partial Regex NowWords();

    [GeneratedRegex(@"(?<![a-z0-9.,+-])(?<n>\d{1,4}(?:\.\d{1,2})?(?![\d.,])|an?|half an?|one|two|three|半|[一二两三四五六七八九十]{1,3})\s{0,2}(?:个)?\s{0,2}(?<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|分钟|小时|钟头|天|周|星期)\s{0,2}(?:ago|之前|以前|前)")]
    private static partial Regex Ago();

    [GeneratedRegex(@"(?<![a-z])ago(?![a-z])|(?<=分钟|小时|钟头|天|周|星期|月|年)\s{0,2}(?:之|以)?前")]
    private static partial Regex AgoWord();

    [GeneratedRegex(@"(?<!\d)(?<iso>\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)\s?(?<offset>z|utc|gmt|[+-]\d{2}:?\d{2})(?![\d:a-z])")]
    private static partial Regex IsoWithOffset();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})\s{0,2}[-/.年]\s{0,2}(?<m>\d{1,2})\s{0,2}[-/.月]\s{0,2}(?<d>\d{1,2})(?!\d)\s{0,2}[日号]?|(?<!\d)(?<m>\d{1,2})\s{0,2}月\s{0,2}(?<d>\d{1,2})(?!\d)\s{0,2}[日号]?")]
    private static partial Regex NumericDate();

    // 30/11, 11/30, 30/11/2026: which number is the day is settled in SlashDate, not here.
    [GeneratedRegex(@"(?<![\d/.])(?<a>\d{1,2})/(?<b>\d{1,2})(?:/(?<y>\d{4}|\d{2}))?(?![/\d])")]
    private static partial Regex SlashNumbers();

    [GeneratedRegex(@"(?<![a-z0-9])(?:(?<d>\d{1,2})(?:st|nd|rd|th)?\s{1,2}(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}|(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s{1,2}(?<d>\d{1,2})(?:st|nd|rd|th)?)(?![0-9])")]
    private static partial Regex NamedMonthDate();

    [GeneratedRegex(@"(?<last>(?<![a-z])last\s{1,2}|上(?:个)?)?(?:(?<![a-z])(?<en>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:周|星期|礼拜)(?<zh>[一二三四五六日天]))")]
    private static partial Regex Weekday();

    /// <summary>The clock the parser judges "past" and "future" by.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public Occurrence Parse(string? answer, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = Normalize(answer);
        if (text.Length == 0)
        {
            return Unrecognised;
        }

        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        if (NowWords().IsMatch(text))
        {
            return new Occurrence(OccurrenceKind.Past, now, HasTime: true);
        }

        if (IsoWithOffset().Match(text) is { Success: true } iso)
        {
            return DateTimeOffset.TryParse(Written(iso), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                ? Judge(TimeZoneInfo.ConvertTime(instant, zone), now, hasTime: true)
                : Unrecognised;
        }

        if (Ago().Match(text) is { Success: true } ago)
        {
            return AgoSpan(ago) is { } span ? Judge(now - span, now, hasTime: true) : Unrecognised;
        }

        if (AgoWord().IsMatch(text))
        {
            // "ago" with an amount it cannot read ("NaN days ago", "-5 hours ago") is not a day or a clock time.
            return Unrecognised;
        }

        if (BeforeBound(text) is { } bound)
        {
            // "before Friday", 「周五之前」: sometime before that moment, kept as an upper bound and never as the moment
            // itself. A bound still ahead is the future as any time is ("by tomorrow" is a fine deadline, not an occurrence).
            var before = Moment(bound, now, zone);
            return before.Kind == OccurrenceKind.Unrecognised ? before : before with { Before = true };
        }

        return Moment(text, now, zone);
    }

    /// <summary>A day, a clock time or both ("30/11 at 14:00", 「上周五」, "at 9"), relative to <paramref name="now"/>.</summary>
    private static Occurrence Moment(string text, DateTimeOffset now, TimeZoneInfo zone, bool ahead = false)
    {
        var (day, dayReadable) = Day(text, now, ahead);
        var (clock, clockReadable) = Clock(text);
        if (!dayReadable || !clockReadable || (day is null && clock is null))
        {
            return Unrecognised;
        }

        var date = day ?? DateOnly.FromDateTime(now.DateTime);
        return Judge(Local(date, clock ?? TimeOnly.MinValue, zone), now, clock is not null);
    }

    private static DateTimeOffset Local(DateOnly date, TimeOnly clock, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(clock);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The ISO form DateTimeOffset reads: "2026-11-20 06:00 utc" is 2026-11-20T06:00Z.</summary>
    private static string Written(Match iso) =>
        iso.Groups["iso"].Value.ToUpperInvariant() + (iso.Groups["offset"].Value is "utc" or "gmt" ? "Z" : iso.Groups["offset"].Value.ToUpperInvariant());

    private static Occurrence Unrecognised { get; } = new(OccurrenceKind.Unrecognised);

    private static Occurrence Judge(DateTimeOffset at, DateTimeOffset now, bool hasTime) =>
        at < now.AddYears(-OldestYears) ? Unrecognised
        : at > now + ClockSlack && (hasTime || DateOnly.FromDateTime(at.DateTime) > DateOnly.FromDateTime(now.DateTime))
            ? new Occurrence(OccurrenceKind.Future, at, hasTime)
            : new Occurrence(OccurrenceKind.Past, at, hasTime);

    private static string Normalize(string? answer) =>
        UnicodeText.NormalizeKc(answer ?? "").Trim().TrimEnd('.', '。', '!', '！').ToLowerInvariant();

    /// <summary>The span an "ago" names, or null when the amount is not a number it can trust or reaches past ten years.</summary>
    private static TimeSpan? AgoSpan(Match ago)
    {
        var n = ago.Groups["n"].Value;
        double? amount = n.StartsWith("half", StringComparison.Ordinal) || n == "半" ? 0.5
            : n is "a" or "an" or "one" ? 1 : n == "two" ? 2 : n == "three" ? 3
            : ChineseNumber(n) ?? Number(n);
        if (amount is not { } value)
        {
            return null;
        }

        var unit = ago.Groups["unit"].Value;
        var days = unit switch
        {
            _ when unit.StartsWith("min", StringComparison.Ordinal) || unit == "分钟" => value / (24 * 60),
            _ when unit.StartsWith('h') || unit is "小时" or "钟头" => value / 24,
            _ when unit.StartsWith('w') || unit is "周" or "星期" => value * 7,
            _ => value,
        };
        return days <= OldestYears * 366 ? TimeSpan.FromDays(days) : null;
    }

    /// <summary>The day named, and whether what looked like a date could be read (「2月30日」 cannot).</summary>
    private static (DateOnly? Day, bool Readable) Day(string text, DateTimeOffset now, bool ahead)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        if (Has(text, "day after tomorrow", "后天"))
        {
            return (today.AddDays(2), true);
        }

        if (Has(text, "tomorrow", "明天", "明日", "明早", "明晚"))
        {
            return (today.AddDays(1), true);
        }

        if (Has(text, "day before yesterday", "前天"))
        {
            return (today.AddDays(-2), true);
        }

        if (Has(text, "yesterday", "last night", "昨天", "昨日", "昨晚", "昨夜", "昨儿"))
        {
            return (today.AddDays(-1), true);
        }

        if (Has(text, "today", "this morning", "this afternoon", "tonight", "this evening", "今天", "今日", "今早", "今晚", "今儿"))
        {
            return (today, true);
        }

        if (NumericDate().Match(text) is { Success: true } numeric)
        {
            var yearGiven = numeric.Groups["y"].Success;
            var year = yearGiven ? Number(numeric.Groups["y"].Value) : today.Year;
            var date = SafeDate((int)(year ?? 0), (int)(Number(numeric.Groups["m"].Value) ?? 0), (int)(Number(numeric.Groups["d"].Value) ?? 0), today, yearGiven, ahead);
            return (date, date is not null);
        }

        if (SlashNumbers().Match(text) is { Success: true } slashed)
        {
            var date = SlashDate(slashed, today, ahead);
            return (date, date is not null);
        }

        if (NamedMonthDate().Match(text) is { Success: true } named)
        {
            var month = Array.IndexOf(Months, named.Groups["mon"].Value[..3]) + 1;
            var date = SafeDate(today.Year, month, (int)(Number(named.Groups["d"].Value) ?? 0), today, yearGiven: false, ahead);
            return (date, date is not null);
        }

        if (Weekday().Match(text) is { Success: true } weekday)
        {
            var target = weekday.Groups["en"].Success
                ? Enum.Parse<DayOfWeek>(weekday.Groups["en"].Value, ignoreCase: true)
                : (DayOfWeek)("日一二三四五六".IndexOf(weekday.Groups["zh"].Value.Replace('天', '日'), StringComparison.Ordinal));
            if (ahead)
            {
                return (ComingDay(text, today, target), true);
            }

            var back = ((int)today.DayOfWeek - (int)target + 7) % 7;
            if (weekday.Groups["last"].Success && weekday.Groups["last"].Value.StartsWith('上'))
            {
                // 上周五 is Friday of last week, counted from this week's Monday.
                var mondayThisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return (mondayThisWeek.AddDays(-7 + (((int)target + 6) % 7)), true);
            }

            return (today.AddDays(back == 0 && weekday.Groups["last"].Success ? -7 : -back), true);
        }

        // A month, a year or a day number alone (「今年3月」, "in March") is not a day to keep.
        return (null, !HasDateFragment(text));
    }

    /// <summary>
    /// "30/11" can only be 30 November; "3/11" is 3 November or 11 March depending on who wrote it, and the reporter's
    /// time zone does not say which convention they use. A problem is reported soon after it starts, so of the readings
    /// that are real days the most recent one (no later than today, as for any day without a year) is taken.
    /// </summary>
    private static DateOnly? SlashDate(Match slashed, DateOnly today, bool ahead)
    {
        var a = (int)(Number(slashed.Groups["a"].Value) ?? 0);
        var b = (int)(Number(slashed.Groups["b"].Value) ?? 0);
        var yearGiven = slashed.Groups["y"].Success;
        var year = yearGiven ? (int)(Number(slashed.Groups["y"].Value) ?? 0) : today.Year;
        year = year < 100 ? 2000 + year : year;
        DateOnly?[] readings = [SafeDate(year, b, a, today, yearGiven, ahead), SafeDate(year, a, b, today, yearGiven, ahead)];
        return (ahead ? readings.Where(date => date is not null && date >= today).Min() : readings.Where(date => date is not null && date <= today).Max())
            ?? readings.FirstOrDefault(date => date is not null);
    }

    private static bool HasDateFragment(string text) =>
        Has(text, "今年", "去年", "上个月", "这个月", "本月", "月份", "last month", "this month", "last year", "this year")
        || text.Contains('月', StringComparison.Ordinal) || text.Contains('年', StringComparison.Ordinal)
        || Months.Any(month => Regex.IsMatch(text, $@"(?<![a-z]){month}[a-z]{{0,6}}(?![a-z])"));

    /// <summary>
    /// A month and day without a year is the most recent such day: in January, "12月30日" is last December. Looking
    /// <paramref name="ahead"/> (a deadline), it is the next such day: in December, "1月5日" is next January.
    /// </summary>
    private static DateOnly? SafeDate(int year, int month, int day, DateOnly today, bool yearGiven, bool ahead = false)
    {
        if (year < today.Year - OldestYears || year > today.Year + 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        if (ahead)
        {
            return !yearGiven && date < today && day <= DateTime.DaysInMonth(year + 1, month) ? new DateOnly(year + 1, month, day) : date;
        }

        return !yearGiven && date > today && day <= DateTime.DaysInMonth(year - 1, month) ? new DateOnly(year - 1, month, day) : date;
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
}
