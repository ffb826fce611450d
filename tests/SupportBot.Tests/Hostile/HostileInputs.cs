using System.Text;

namespace SupportBot.Tests.Hostile;

/// <summary>
/// What an attacker or a broken client types or sends, by name. Theories take the names (lone surrogates and
/// control characters do not survive test discovery as data) and look the text up here.
/// </summary>
internal static class HostileInputs
{
    public static IReadOnlyDictionary<string, string> Texts { get; } = new Dictionary<string, string>
    {
        ["empty"] = "",
        ["spaces"] = "   \t  ",
        ["nul"] = "a\0b",
        ["c0 controls"] = "\u0001\u0002\u0007\u0008\u000b\u000c\u001f",
        ["crlf log forging"] = "ok\r\n2026-11-23 ERROR Injected: admin logged in",
        ["ansi escape"] = "\u001b[31mred\u001b[0m\u001b]0;title\u0007",
        ["bidi override"] = "invoice\u202Egpj.exe\u202C",
        ["zero width"] = "O\u200BA\u200D\uFEFF login",
        ["lone high surrogate"] = "broken \uD800 text",
        ["lone low surrogate"] = "\uDC00 at the start",
        ["U+FFFE"] = "printer \uFFFE jammed",
        ["U+FFFF"] = "\uFFFF",
        ["noncharacter FDD0"] = "\uFDD0\uFDEF",
        ["script tag"] = "<script>alert(1)</script>",
        ["markdown link"] = "[Reset your password](https://evil.example/reset) <b>x</b>",
        ["markdown emphasis"] = "**urgent** _now_ `rm -rf` ~~gone~~ |table|",
        ["markdown image"] = "![pixel](https://evil.example/track.png)",
        ["markdown blocks"] = "# Heading\n- item\n> quote\n1. first\n===",
        ["autolink"] = "see https://evil.example and www.evil.example",
        ["teams mention"] = "<at>Administrator</at> approve this",
        ["card json"] = "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"hi\"}],\"actions\":[{\"type\":\"Action.OpenUrl\",\"url\":\"https://evil.example\"}]}",
        ["format placeholders"] = "{0}{1}{999}{{0}} %s%n%x ${secret}",
        ["sql and path"] = "'; DROP TABLE tickets; -- ../../etc/passwd",
        ["huge day count"] = "9999999 days ago",
        ["year one"] = "0001-01-01",
        ["NaN days"] = "NaN days ago",
        ["1e308 days"] = "1e308 days ago",
        ["hour 25"] = "昨天25点",
        ["obviously yesterday"] = "明显是昨天",
        ["epoch in UTC"] = "1970-01-01T00:00:00Z",
        ["negative ago"] = "-5 hours ago",
        ["A x 4000"] = new string('A', 4000),
        ["ERR- x 1000"] = Repeat("ERR-", 1000),
        ["E0 x 2000"] = Repeat("E0", 2000),
        ["HTTP and spaces"] = "HTTP" + new string(' ', 3996),
        ["4001 characters"] = new string('x', 4001),
        ["100k characters"] = new string('A', 100_000),
        ["emoji x 1000"] = Repeat("😀", 1000),
        ["rtl arabic"] = "مرحبا، لا يعمل النظام",
        ["combining marks"] = "Z" + Repeat("\u0301\u0300\u0302", 300),
    };

    /// <summary>Inputs that try to put markup into whatever reaches another person.</summary>
    public static IReadOnlyList<string> Markup { get; } = ["markdown link", "script tag", "markdown emphasis", "markdown image", "markdown blocks", "teams mention"];

    /// <summary>A sample of every kind, for tables that put one input into every field.</summary>
    public static IReadOnlyList<string> Sample { get; } = ["nul", "crlf log forging", "bidi override", "lone high surrogate", "U+FFFE", "markdown link", "card json", "A x 4000"];

    public static TheoryData<string> All() => [.. Texts.Keys];

    /// <summary>Every pairing of the two lists: a table of generated cases.</summary>
    public static TheoryData<string, string> Cross(IEnumerable<string> first, IEnumerable<string> second)
    {
        var data = new TheoryData<string, string>();
        foreach (var a in first)
        {
            foreach (var b in second)
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    public static string Repeat(string unit, int times) => new StringBuilder(unit.Length * times).Insert(0, unit, times).ToString();

    /// <summary>A JSON string literal of a text, escaping what JSON requires (lone surrogates included, as \u escapes).</summary>
    public static string JsonString(string text)
    {
        var json = new StringBuilder("\"", text.Length + 2);
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    /// <summary>Nested arrays: <c>[[[…1…]]]</c>, <paramref name="depth"/> deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + "1" + new string(']', depth);
}
