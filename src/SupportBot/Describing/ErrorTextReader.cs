using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>An error the reporter quoted: a code ("E005", "HTTP 504") or a message ("数据格式错误").</summary>
internal sealed record ErrorText(string Text, bool IsMessage, int Start, int End);

/// <summary>
/// Finds the error code or message in a text. Codes with an unmistakable shape (0x80070005, ORA-12541,
/// 550 5.7.1, HTTP 504, E005) count anywhere; a bare number or a short code ("1603", "F5 702") only right
/// after an error cue ("错误", "error code"), so that "20 minutes" or "floor 3" are not taken for codes.
/// Quoted text counts as an error message when an error cue precedes it or it reads like one.
/// </summary>
internal static partial class ErrorTextReader
{
    // ASCII-only boundaries: in .NET, \b treats Chinese characters as word characters, so "为E005" has none.
    [GeneratedRegex(@"(?<![A-Za-z0-9])HTTP(?:[ /]?(?:status|error|code|1\.1|2))?\s{0,3}[:：]?\s{0,3}(?<code>[1-5]\d\d)(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Http();

    [GeneratedRegex(@"(?<![0-9.])(?<reply>[245]\d\d)[ -]{0,3}#?(?<status>[245]\.\d{1,3}\.\d{1,3})(?![0-9])")]
    private static partial Regex Smtp();

    // A spreadsheet's error value (#N/A, #REF!, #DIV/0!) is the error a formula shows, whatever the words around it.
    [GeneratedRegex(@"(?<![A-Za-z0-9-])(?:[A-Z]{2,6}-\d{3,6}|AADSTS\d{5,6}|0[xX][0-9A-Fa-f]{4,8}|(?:E|ERR|ERROR|EC)[-_]?\d{2,7}(?:-\d{2,5})?)(?![0-9A-Za-z-])|(?<![A-Za-z0-9])#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!)")]
    private static partial Regex DistinctiveCode();

    // After a cue also a printer's dotted code: HP's "49.4C02", "79.00FE", "13.20.00"; a code typed in lower case
    // ("code e005"), whose letters then touch the digits, since "is 2023" after a cue is no code; and a hex code written
    // with its "h" suffix ("报错 e06d7363h").
    [GeneratedRegex(@"(?<![A-Za-z0-9.])(?:(?:[A-Z][A-Z0-9]{0,3}[ -]?|[a-z]{1,4}-?)?\d{3,6}|\d{2}\.[0-9A-F]{2,4}(?:\.[0-9A-F]{2})?|[0-9a-fA-F]{6,8}[hH])(?![0-9A-Za-z.])")]
    private static partial Regex CodeAfterCue();

    // Two-digit and negative codes ("error 53", "错误码:-2147467259") count only right after a cue and not before a word
    // ("error 20 minutes later" is no code).
    [GeneratedRegex(@"(?<![A-Za-z0-9.-])-?\d{2,11}(?![0-9A-Za-z.])(?!\s{0,2}[A-Za-z\u4e00-\u9fff])")]
    private static partial Regex ShortCodeAfterCue();

    // A symbolic error name: CRITICAL_PROCESS_DIED, ERR_NAME_NOT_RESOLVED, DBSQL_DUPLICATE_KEY_ERROR (two underscores at least,
    // so an ordinary SHOUTED_WORD pair is not one), with the namespace browsers write before it (NET::ERR_CERT_DATE_INVALID);
    // a browser's error typed in lower case ("err_connection_reset") is still one.
    [GeneratedRegex(@"(?<![A-Za-z0-9_:])(?:(?:[A-Z]{2,6}::)?[A-Z][A-Z0-9]{1,30}(?:_[A-Z0-9]{1,30}){2,6}|err(?:_[a-z]{2,20}){2,5})(?![A-Za-z0-9_])")]
    private static partial Regex SymbolicCode();

    // A stop code with one underscore ("stop code MEMORY_MANAGEMENT", 「蓝屏代码 KERNEL_SECURITY」): only right after a cue,
    // since two shouted words joined by one underscore are as often a field or a file's name.
    [GeneratedRegex(@"(?<![A-Za-z0-9_:])[A-Z][A-Z0-9]{1,30}_[A-Z0-9]{2,30}(?![A-Za-z0-9_])")]
    private static partial Regex ShortSymbolicCode();

    // "30015-4 (5)" (Office's installer), "(-7200)" at the end of a message (FortiClient).
    [GeneratedRegex(@"(?<![A-Za-z0-9-])\d{4,6}-\d{1,3}(?:\s?\(\d{1,3}\))?(?![A-Za-z0-9-])|\((?<negative>-\d{2,11})\)")]
    private static partial Regex CompoundCode();

    // An error whose kind is part of its name, as Office and Power Query write it: "Run-time error '1004'", 「运行时错误 '9'」,
    // 「运行时错误 1004」 as reporters retype it without the quotes (the number means nothing without its kind; its text is kept when it follows, 「运行时错误'13':类型不匹配」),
    // "Compile error: Can't find project or library", "DataFormat.Error: We couldn't convert to Number." An apostrophe
    // inside a word ("can't") does not end the message.
    [GeneratedRegex(@"(?<![A-Za-z])(?:Run-?time error|运行时错误)\s{0,2}(?:'\d{1,5}'|\d{1,5}(?![\d.]))(?:[:：](?<message>[^\r\n,,。;;]{2,60}))?|(?<![A-Za-z])(?:(?:Compile|Syntax) error|[A-Z][A-Za-z]{2,30}\.Error)\s{0,2}[:：]\s{0,2}(?<message>(?:[^\r\n'’""“”「」,,。;;]|['’](?=[A-Za-z])){3,120})", RegexOptions.CultureInvariant)]
    private static partial Regex TypedError();

    public static ErrorText? Read(TextScan scan)
    {
        // A code beats the message around it: "'Printer not activated, error code -30'" is error -30.
        var found = Typed(scan) ?? Distinctive(scan) ?? Symbolic(scan) ?? ShortSymbolic(scan) ?? Compound(scan) ?? AfterCue(scan) ?? ShortAfterCue(scan) ?? Pasted(scan) ?? QuotedMessage(scan) ?? UnquotedMessage(scan);
        // Two errors met doing two things ("登录提示'账号或密码错误',然后我去改密码又提示 HTTP 500"): the first is the problem's.
        // A code inside the quoted message, or right after it with nothing done between, stays the message's own code.
        if (found is { IsMessage: false } && QuotedMessage(scan) is { } earlier && earlier.End < found.Start
            && scan.Text[earlier.End..found.Start].Any(TextScan.IsClausePunctuation)
            && scan.Matches.Any(verb => verb.Kind == PhraseKind.Verb && verb.Start >= earlier.End && verb.End <= found.Start)
            && ThenDid().IsMatch(scan.Text[earlier.End..found.Start]))
        {
            found = earlier;
        }

        if (found is not { IsMessage: true })
        {
            return found;
        }

        var code = CodeInMessage().Match(found.Text) is { Success: true } inside ? inside : TrailingCode().Match(found.Text);
        return code.Success ? found with { Text = code.Groups["code"].Value, IsMessage = false } : found;
    }

    // What the reporter did next: 「然后我去改密码又提示…」, "then I tried to reset it and got …".
    [GeneratedRegex(@"然后|接着|后来|之后|(?<![A-Za-z])(?:then|afterwards|after that)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThenDid();

    // "company code 1000", "zip code 200120" name a company or a place inside a message; an "ErrorId: 1893027461-44210" is the error.
    [GeneratedRegex(@"(?:error ?id|error code|error|(?<!(?:company|zip|postal|tax|country|area|cost)\s)code|错误码|错误代码|代码)\s{0,2}[:：=]?\s{0,2}(?<code>-?\d{2,11}(?:-\d{2,11})?)(?![0-9A-Za-z.])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeInMessage();

    // A message that ends in its code: "Issuer not available (91)", "Transaction declined (code 05)".
    [GeneratedRegex(@"\((?:(?:error\s?)?code\s?|错误码\s?)?(?<code>[A-Z]?\d{2,6})\)\s{0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCode();

    /// <summary>A symbolic name on its own; inside a quoted message ('FIELD_CUSTOM_VALIDATION_EXCEPTION, Region is required') the message is the error.</summary>
    /// <summary>"order #WX-771203", 「客户编号C-20931」, "account no. 88-20417": a reference number the reporter gives, not an error.</summary>
    private static bool NamesSomethingElse(TextScan scan, int start)
    {
        var before = scan.Lower.AsSpan(Math.Max(0, start - 14), Math.Min(start, 14));
        foreach (var cue in IdentifierCues)
        {
            if (before.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] IdentifierCues = ["order", "订单", "编号", "客户号", "account", "customer", "工号", "单号", "invoice", "发票", "合同", "ticket", "po #", "po#", "po no"];

    private static ErrorText? Typed(TextScan scan) =>
        TypedError().Match(scan.Text) is { Success: true } typed && typed.Value.TrimEnd() is var text
            ? new ErrorText(text, IsMessage: typed.Groups["message"].Success, typed.Index, typed.Index + text.Length)
            : null;

    private static ErrorText? Symbolic(TextScan scan) =>
        SymbolicCode().Matches(scan.Text).FirstOrDefault(match => !scan.InQuote(match.Index)) is { } match
            ? new ErrorText(match.Value, false, match.Index, match.Index + match.Length)
            : null;

    private static ErrorText? ShortSymbolic(TextScan scan) =>
        ShortSymbolicCode().Matches(scan.Text).FirstOrDefault(match => !scan.InQuote(match.Index) && CueBefore(scan, match.Index) is not null) is { } match
            ? new ErrorText(match.Value, false, match.Index, match.Index + match.Length)
            : null;

    /// <summary>A compound installer code after a cue, or a negative code in parentheses anywhere.</summary>
    private static ErrorText? Compound(TextScan scan)
    {
        foreach (Match match in CompoundCode().Matches(scan.Text))
        {
            if (match.Groups["negative"] is { Success: true } negative)
            {
                return new ErrorText(negative.Value, false, negative.Index, negative.Index + negative.Length);
            }

            if (CueBefore(scan, match.Index) is not null)
            {
                return new ErrorText(match.Value, false, match.Index, match.Index + match.Length);
            }
        }

        return null;
    }

    private static ErrorText? ShortAfterCue(TextScan scan)
    {
        foreach (Match match in ShortCodeAfterCue().Matches(scan.Text))
        {
            if (CueBefore(scan, match.Index) is not null)
            {
                return new ErrorText(match.Value, false, match.Index, match.Index + match.Length);
            }
        }

        return null;
    }

    /// <summary>Reads an error from an answer on its own: a code if one is there, otherwise the answer as the message.</summary>
    public static ErrorText FromAnswer(TextScan scan)
    {
        if ((Distinctive(scan) ?? AfterCue(scan)) is { } code)
        {
            return code;
        }

        var message = scan.Quotes.Count == 1
            ? scan.Text.Substring(scan.Quotes[0].InnerStart, scan.Quotes[0].InnerLength).Trim()
            : scan.Text.Trim().Trim('"', '\'', '“', '”', '「', '」');
        return new ErrorText(message, IsMessage: true, 0, scan.Text.Length);
    }

    private static ErrorText? Distinctive(TextScan scan)
    {
        ErrorText? first = null;
        foreach (var (regex, format) in Strong)
        {
            var match = regex.Match(scan.Text);
            while (match.Success && NamesSomethingElse(scan, match.Index))
            {
                match = match.NextMatch();
            }

            if (match.Success && (first is null || match.Index < first.Start))
            {
                first = new ErrorText(format(match), false, match.Index, match.Index + match.Length);
            }
        }

        return first;
    }

    private static readonly (Regex, Func<Match, string>)[] Strong =
    [
        (Http(), match => "HTTP " + match.Groups["code"].Value),
        (Smtp(), match => match.Groups["reply"].Value + " " + match.Groups["status"].Value),
        (DistinctiveCode(), match => match.Value),
    ];

    private static ErrorText? AfterCue(TextScan scan)
    {
        foreach (Match match in CodeAfterCue().Matches(scan.Text))
        {
            if (CueBefore(scan, match.Index) is not null)
            {
                return new ErrorText(match.Value, false, match.Index, match.Index + match.Length);
            }
        }

        return null;
    }

    /// <summary>The error cue that ends just before <paramref name="position"/> ("错误代码为", "error code:", "报错").</summary>
    internal static PhraseMatch? CueBefore(TextScan scan, int position)
    {
        var gapStart = position;
        while (gapStart > 0 && position - gapStart < 4 && scan.Text[gapStart - 1] is ' ' or ':' or '=' or '为' or '是' or '(' or '#' or '号' or '\t')
        {
            gapStart--;
        }

        for (var end = gapStart; end <= position; end++)
        {
            foreach (var match in scan.Matches)
            {
                if (match.Kind == PhraseKind.ErrorCue && match.End == end)
                {
                    return match;
                }
            }
        }

        return null;
    }
}
