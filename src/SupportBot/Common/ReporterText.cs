using System.Text;

namespace SupportBot.Common;

/// <summary>
/// Makes a reporter's words safe to show in a card or a markdown message: markdown's inline characters are
/// escaped, so a description cannot make a link, an image or bold text; "://" cannot autolink; and a line
/// cannot start a heading, a list or a quote. Only characters that can start markup are escaped: parentheses
/// cannot make a link once brackets are escaped, and an underscore inside a word ("ERR_CONNECTION_RESET") is no
/// emphasis, so "(3楼)" and error codes stay readable in hosts that show escapes literally.
/// </summary>
internal static class ReporterText
{
    private const string Inline = "\\`*[]<>~";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var startsBlock = lineStart && c is '-' or '+' or '=' || (c == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && LineIsDigitsSoFar(text, i));
            var autolink = c == ':' && string.CompareOrdinal(text, i + 1, "//", 0, 2) == 0;
            var image = c == '!' && i + 1 < text.Length && text[i + 1] == '[';
            var emphasis = c == '_' && !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]));
            var heading = c == '#' && lineStart;
            if (Inline.Contains(c, StringComparison.Ordinal) || startsBlock || autolink || image || emphasis || heading)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return escaped.ToString();
    }

    /// <summary>"1." at the start of a line would begin a numbered list.</summary>
    private static bool LineIsDigitsSoFar(string text, int dot)
    {
        var i = dot - 1;
        while (i >= 0 && char.IsAsciiDigit(text[i]))
        {
            i--;
        }

        return i < 0 || text[i] == '\n';
    }
}
