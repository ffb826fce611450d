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

    /// <summary>
    /// 提示密码错误: an unquoted message right after a cue, up to the end of the clause, that reads like an error. A message
    /// the reporter set off with spaces instead of quotes (「同步失败 提示 同步冲突」, 「提示 存在未记账凭证 」) is what the
    /// screen said, error words or not.
    /// </summary>
    private static ErrorText? UnquotedMessage(TextScan scan)
    {
        foreach (var cue in scan.Of(PhraseKind.ErrorCue))
        {
            var cueText = scan.Lower[cue.Start..cue.End];
            if (!scan.Lexicon.UnquotedErrorCues.Contains(cueText) || InsideWord(scan.Text, cue)
                // A quote right after the cue is the message, and the quoted reading has judged it ('Connected' is a state).
                || scan.Quotes.Any(quote => quote.Open == PhraseExtent.SkipSpaces(scan, cue.End)))
            {
                continue;
            }

            var end = cue.End;
            while (end < scan.Text.Length && end - cue.End < MaxUnquotedMessage && !TextScan.IsClausePunctuation(scan.Text[end])
                && !BackToEnglish(scan.Text, cue.End, end) && !NextChineseClause(scan.Text, cue.End, end))
            {
                end++;
            }

            var message = scan.Text[cue.End..end].Trim();
            var lower = message.ToLowerInvariant();
            var setOff = SetOffBySpaces(scan.Text, cueText, cue.End, end, message);
            if (message.Length >= 3 && scan.Lexicon.ErrorWords.Any(word => lower.Contains(word, StringComparison.Ordinal))
                || setOff && !scan.Lexicon.IsStatus(message))
            {
                return new ErrorText(message, true, cue.End, end);
            }
        }

        return null;
    }

    /// <summary>
    /// Chinese text often uses a space where a comma would be: 「导出的时候报 数据格式错误 其他月份都正常」 and "报错
    /// Authentication failed 用的是域账号密码" each end their message before the space that starts the next clause in Chinese.
    /// A space before Latin text does not ("您无权使用事务 ZFI012" keeps its transaction code), nor one before a message's own
    /// second sentence, which tells the reader what to do or what cannot be done (「期间未结账 无法操作」, 「支付渠道异常
    /// 请稍后重试」, 「会话已过期 请重新登录」).
    /// </summary>
    private static bool NextChineseClause(string text, int start, int position) =>
        text[position - 1] == ' ' && TextScan.IsHan(text[position]) && !string.IsNullOrWhiteSpace(text[start..position])
        && !MessageGoesOn(text, position);

    // What a message tells its reader, not what a reporter asks (「请帮忙看看」, 「请问」 are the reporter's).
    private static readonly string[] SecondSentences = ["无法", "请稍后", "请重新", "请重试", "请联系", "请检查", "请确认", "请输入", "请先"];

    private static bool MessageGoesOn(string text, int position) =>
        SecondSentences.Any(opening => string.CompareOrdinal(text, position, opening, 0, opening.Length) == 0);

    /// <summary>
    /// A Chinese cue that only introduces what was shown (提示, 报错, 报, 弹出), a space after it, and a message of two to
    /// sixteen Chinese characters that ends at a space, a clause's punctuation or the text's end: the reporter marked it
    /// off as a quote. 显示 is left out: it also says what a screen displays (「显示 不全」).
    /// </summary>
    private static bool SetOffBySpaces(string text, string cue, int cueEnd, int end, string message) =>
        cue is "提示" or "报错" or "报" or "弹出" && cueEnd < text.Length && text[cueEnd] == ' '
        && (end == text.Length || text[end - 1] == ' ' || TextScan.IsClausePunctuation(text[end]))
        && message.Length is >= 2 and <= 16 && message.All(character => TextScan.IsHan(character) || character == ' ');

    /// <summary>报 is a cue on its own (「一直报数据格式错误」) but the first character of 报表, 报销, 报告, 报名 …: no cue there.</summary>
    private static bool InsideWord(string text, PhraseMatch cue) =>
        cue.Length == 1 && text[cue.Start] == '报' && cue.End < text.Length && WordsWithBao.Contains(text[cue.End]);

    private const string WordsWithBao = "表销告名价工修备到送账关税批废单";

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
