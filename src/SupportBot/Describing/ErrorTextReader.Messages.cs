using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>Error messages in words: quoted, pasted after "error:", or right after a cue (提示密码错误).</summary>
internal static partial class ErrorTextReader
{
    private const int MaxUnquotedMessage = 30;

    [GeneratedRegex(@"(?:error message|error|exception|错误信息|错误消息|错误提示|错误|异常|报错|提示)\s{0,3}[:：]\s{0,3}(?<message>[^\r\n。!！]{3,160})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastedMessage();

    private static ErrorText? QuotedMessage(TextScan scan)
    {
        foreach (var quote in scan.Quotes)
        {
            var inner = scan.Text.Substring(quote.InnerStart, quote.InnerLength).Trim();
            if (inner.Length == 0 || IsElementLabel(scan, quote))
            {
                continue;
            }

            // 'Connected', 'Away', 「审批中」: a state shown when nothing failed is what the screen says, not an error.
            if (scan.Lexicon.IsStatus(inner))
            {
                continue;
            }

            var lowerInner = scan.Lower.Substring(quote.InnerStart, quote.InnerLength);
            if (CueBefore(scan, quote.Open) is not null || scan.Lexicon.ErrorWords.Any(word => lowerInner.Contains(word, StringComparison.Ordinal)))
            {
                return new ErrorText(inner, true, quote.Open, quote.Close + 1);
            }
        }

        return null;
    }

    private static ErrorText? Pasted(TextScan scan)
    {
        var match = PastedMessage().Match(scan.Text);
        if (!match.Success)
        {
            return null;
        }

        // A pasted message the reporter quoted ends at its closing quote (报错:'单据号重复',但是这个单号是…), and a cue inside a
        // quote ('FATAL ERROR: Unhandled Access Violation') is part of the message quoted: the quote is the message.
        var message = match.Groups["message"];
        var opening = PhraseExtent.SkipSpaces(scan, message.Index);
        if (scan.Quotes.FirstOrDefault(quote => quote.Open == opening || quote.Contains(match.Index)) is { InnerLength: > 0 } quoted)
        {
            return new ErrorText(scan.Text.Substring(quoted.InnerStart, quoted.InnerLength).Trim(), true, quoted.Open, quoted.Close + 1);
        }

        return new ErrorText(message.Value.Trim(), true, message.Index, message.Index + message.Length);
    }

    /// <summary>提示密码错误: an unquoted message right after a cue, up to the end of the clause, that reads like an error.</summary>
    private static ErrorText? UnquotedMessage(TextScan scan)
    {
        foreach (var cue in scan.Of(PhraseKind.ErrorCue))
        {
            if (!scan.Lexicon.UnquotedErrorCues.Contains(scan.Lower[cue.Start..cue.End]))
            {
                continue;
            }

            var end = cue.End;
            while (end < scan.Text.Length && end - cue.End < MaxUnquotedMessage && !TextScan.IsClausePunctuation(scan.Text[end]) && !BackToEnglish(scan.Text, cue.End, end))
            {
                end++;
            }

            var message = scan.Text[cue.End..end].Trim();
            var lower = message.ToLowerInvariant();
            if (message.Length >= 3 && scan.Lexicon.ErrorWords.Any(word => lower.Contains(word, StringComparison.Ordinal)))
            {
                return new ErrorText(message, true, cue.End, end);
            }
        }

        return null;
    }

    /// <summary>
    /// A Chinese message quoted in English ends where the English sentence resumes: "shows 您无权使用事务 ZFI012 when I run"
    /// ends before "when" (a lowercase word after a space), keeping the transaction code.
    /// </summary>
    private static bool BackToEnglish(string text, int start, int position) =>
        position > start && text[position - 1] == ' ' && char.IsAsciiLetterLower(text[position])
        && text.AsSpan(start, position - start).IndexOfAnyInRange('\u4e00', '\u9fff') >= 0;

    private static readonly HashSet<string> MessageWindows = ["popup", "pop-up", "dialog", "dialog box", "message box", "window", "弹窗", "对话框", "提示框", "窗口", "弹框"];

    /// <summary>A quoted button or menu name: followed by an element noun ("'审批'按钮") or preceded by a click.</summary>
    public static bool IsElementLabel(TextScan scan, Quote quote)
    {
        var after = quote.Close + 1;
        while (after < scan.Text.Length && scan.Text[after] == ' ')
        {
            after++;
        }

        // A quote before "popup" or 「弹窗」 is what the popup said, not a button's name.
        return scan.Matches.Any(match => match.Kind == PhraseKind.ElementNoun && match.Start == after && !MessageWindows.Contains(scan.Lower.Substring(match.Start, match.Length)))
            || scan.EndingAt(PhraseKind.Verb, quote.Open) is { } verb && scan.Lexicon.Verbs[verb.Entry].Key == "click";
    }
}
