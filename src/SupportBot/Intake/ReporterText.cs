using System.Text;

namespace SupportBot.Intake;

/// <summary>
/// Makes a reporter's words safe to show in a card or a markdown message: every markdown character is
/// escaped, so a description cannot make a link, an image, a heading or bold text, and "://" cannot autolink.
/// </summary>
public static class ReporterText
{
    private const string Markdown = "\\`*_{}[]()#+-.!<>|~:";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Markdown.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
