using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportBot.Tickets.Numbering;

/// <summary>
/// Formats and recognises ticket numbers for one configured pattern, e.g. <c>TS-{date:yyyyMMdd}-{seq:000}</c>
/// → <c>TS-20231025-001</c>, seed 004's <c>TS{date:yyyyMMdd}{seq:000000}</c>, or seed 001's monthly
/// <c>{date:yyyyMM}-{seq:000}</c> → <c>202310-001</c>. The sequence restarts with each period the date names: each
/// day, or each month when the date has no day in it (<see cref="PeriodOf"/>).
/// </summary>
internal sealed partial class TicketNumberFormat
{
    private readonly string _prefix;
    private readonly string _dateFormat;
    private readonly string _between;
    private readonly int _minimumDigits;
    private readonly string _suffix;
    private readonly Regex _parser;

    private TicketNumberFormat(string prefix, string dateFormat, string between, int minimumDigits, string suffix)
    {
        (_prefix, _dateFormat, _between, _minimumDigits, _suffix) = (prefix, dateFormat, between, minimumDigits, suffix);
        var dateDigits = new DateOnly(2000, 1, 1).ToString(dateFormat, CultureInfo.InvariantCulture).Length;
        _parser = new Regex(
            $@"^{Regex.Escape(prefix)}(?<date>\d{{{dateDigits}}}){Regex.Escape(between)}(?<seq>\d{{{minimumDigits},9}}){Regex.Escape(suffix)}$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        Example = Format(new DateOnly(2026, 1, 15), 1);
    }

    /// <summary>A well-formed number to show in "expected a number like …" messages.</summary>
    public string Example { get; }

    public static bool TryCreate(string? pattern, out TicketNumberFormat? format, out string? error)
    {
        format = null;
        var match = pattern is null ? Match.Empty : PatternShape().Match(pattern);
        if (!match.Success)
        {
            error = "must contain one {date:FORMAT} followed later by one {seq:000}, e.g. TS-{date:yyyyMMdd}-{seq:000}";
            return false;
        }

        var dateFormat = match.Groups["date"].Value;
        if (!DateFormatShape().IsMatch(dateFormat) || !dateFormat.Contains("yy", StringComparison.Ordinal)
            || !dateFormat.Contains("MM", StringComparison.Ordinal))
        {
            error = $"date format '{dateFormat}' must be made of yyyy or yy and MM, and dd for a daily sequence, only";
            return false;
        }

        format = new TicketNumberFormat(
            match.Groups["prefix"].Value, dateFormat, match.Groups["between"].Value,
            match.Groups["seq"].Value.Length, match.Groups["suffix"].Value);
        error = null;
        return true;
    }

    public static TicketNumberFormat Create(string pattern) =>
        TryCreate(pattern, out var format, out var error) ? format! : throw new ArgumentException($"Ticket number pattern {error}.", nameof(pattern));

    /// <summary>
    /// The period whose sequence a ticket of <paramref name="day"/> takes its serial from, named by its first day:
    /// the day itself, or the first of its month for a monthly pattern.
    /// </summary>
    public DateOnly PeriodOf(DateOnly day) => _dateFormat.Contains("dd", StringComparison.Ordinal) ? day : new DateOnly(day.Year, day.Month, 1);

    public string Format(DateOnly day, int serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serial);
        var text = new StringBuilder(_prefix)
            .Append(day.ToString(_dateFormat, CultureInfo.InvariantCulture))
            .Append(_between)
            .Append(serial.ToString(CultureInfo.InvariantCulture).PadLeft(_minimumDigits, '0'))
            .Append(_suffix);
        return text.ToString();
    }

    /// <summary>Recognises a number typed by a person (any letter case, surrounding spaces) and returns it canonical.</summary>
    public bool TryParse(string? text, out string number)
    {
        number = "";
        var match = text is null ? Match.Empty : _parser.Match(text.Trim());
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, _dateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !int.TryParse(match.Groups["seq"].Value, CultureInfo.InvariantCulture, out var serial) || serial == 0)
        {
            return false;
        }

        number = Format(day, serial);
        return true;
    }

    [GeneratedRegex(@"^(?<prefix>[^{}]*)\{date:(?<date>[^{}]+)\}(?<between>[^{}]*)\{seq:(?<seq>0+)\}(?<suffix>[^{}]*)$")]
    private static partial Regex PatternShape();

    [GeneratedRegex("^(yyyy|yy|MM|dd)+$")]
    private static partial Regex DateFormatShape();
}
