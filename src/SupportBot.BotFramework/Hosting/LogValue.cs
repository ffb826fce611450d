using System.Globalization;
using System.Text;

namespace SupportBot.BotFramework.Hosting;

/// <summary>
/// Makes a value from the wire safe to write to a log: control characters (CR, LF, ESC …), bidirectional
/// overrides and unpaired surrogates are written as <c>\uXXXX</c>, so a field cannot forge a log line or colour a
/// terminal, and the value is cut to a length a log line can carry.
/// </summary>
public static class LogValue
{
    private const int MaxLength = 200;

    public static string? Of(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var safe = new StringBuilder(Math.Min(value.Length, MaxLength) + 8);
        for (var i = 0; i < value.Length && safe.Length < MaxLength; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                safe.Append(c).Append(value[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || IsFormatting(c))
            {
                safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.Length < value.Length ? safe.Append('…').ToString() : safe.ToString();
    }

    /// <summary>Bidirectional marks and overrides, zero-width characters, line and paragraph separators.</summary>
    private static bool IsFormatting(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
