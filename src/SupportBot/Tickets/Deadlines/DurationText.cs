using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportBot.Tickets.Deadlines;

/// <summary>Reads spans written by administrators: <c>00:05:00</c>, or <c>5m</c>, <c>4h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out span) && span > TimeSpan.Zero;
        }

        var match = Compact().Match(trimmed);
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        static int Part(Match m, string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        span = new TimeSpan(Part(match, "d"), Part(match, "h"), Part(match, "m"), 0);
        return span > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?:(?<d>\d{1,3})d)?\s*(?:(?<h>\d{1,4})h)?\s*(?:(?<m>\d{1,5})m(?:in)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Compact();
}
