using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportBot.Intake;

/// <summary>How <see cref="OccurrenceTimeParser"/> reads words and numbers: whole words only, bounded numbers only.</summary>
internal static partial class OccurrenceWords
{
    // "before Friday", "sometime before 3pm yesterday", "by Monday": the whole answer is a bound, not a moment.
    [GeneratedRegex(@"^(?:(?:sometime|some time|just|shortly|already|a bit|a little)\s{1,2})?(?:before|prior to|earlier than|no later than|not later than|by)\s{1,2}(?<when>\S.*)$")]
    private static partial Regex EnglishBefore();

    // 「周五之前」, 「在上周五以前」, 「昨天下午3点前就有了」: what precedes 之前/以前/前. 「前后」 (around) is not a bound, and
    // 「三天前」 (ago) is read as an "ago" before this is tried.
    [GeneratedRegex(@"^(?:在|于|从)?\s{0,2}(?<when>\S.*?)\s{0,2}(?:之前|以前|前)(?:就)?(?:的?某个?时候|的?时候|就有了?|就开始了?|开始的?|出现的?|发生的?|了|吧)?$")]
    private static partial Regex ChineseBefore();

    /// <summary>The moment an answer says the problem began before ("before Friday" is "friday"); null when it says no such thing.</summary>
    public static string? BeforeBound(string text) =>
        (EnglishBefore().Match(text) is { Success: true } english ? english
            : ChineseBefore().Match(text) is { Success: true } chinese ? chinese
            : null)?.Groups["when"].Value.Trim();

    public static bool Has(string text, params string[] words) => words.Any(word => ContainsWord(text, word));

    /// <summary>An English word stands on its own ("today", not "todays"); a Chinese word is its characters.</summary>
    public static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if (!char.IsAsciiLetter(word[0]) || ((at == 0 || !char.IsAsciiLetter(text[at - 1])) && (end == text.Length || !char.IsAsciiLetter(text[end]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Plain digits (and at most two decimals); the patterns bound their length, so the value is small.</summary>
    public static double? Number(string digits) =>
        double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>一 … 九十九 and 两, written the usual way (十, 十五, 二十, 二十三); anything else (十十, 三三) is not a number.</summary>
    public static double? ChineseNumber(string text)
    {
        const string Digits = "零一二三四五六七八九";
        text = text.Replace('两', '二');
        int Digit(int i) => i < text.Length ? Digits.IndexOf(text[i], StringComparison.Ordinal) : -1;
        return text switch
        {
            { Length: 1 } when Digit(0) >= 0 => Digit(0),
            "十" => 10,
            { Length: 2 } when text[0] == '十' && Digit(1) > 0 => 10 + Digit(1),
            { Length: 2 } when text[1] == '十' && Digit(0) > 1 => Digit(0) * 10,
            { Length: 3 } when text[1] == '十' && Digit(0) > 1 && Digit(2) > 0 => (Digit(0) * 10) + Digit(2),
            _ => null,
        };
    }
}
