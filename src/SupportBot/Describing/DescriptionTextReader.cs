using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>
/// What a text says on its own: each reader takes its slot from one scan of the text (error first, since its words
/// are no verbs or systems), and an action that runs straight into its symptom is kept as the reporter's clause.
/// The answers to the engine's questions are applied on top by <see cref="DescriptionAnswerReader"/>.
/// </summary>
internal static partial class DescriptionTextReader
{
    public static DescriptionFacts Read(string text, DescriptionLexicon lexicon)
    {
        var scan = FirstProblem(text, lexicon);
        var error = ErrorTextReader.Read(scan);
        var (action, symptom) = ActionSymptomReader.Read(scan, error);
        var system = SystemReader.Read(scan, problemAt: symptom is { Text.Length: > 0 } ? symptom.Start : error?.Start,
            computerFault: symptom?.Kind is "crash" or "noPower" or "blueScreen");

        // Only a computer shows a blue screen: an application named with it (「跑SAP报表的时候电脑蓝屏了」) is what was
        // running, and 「又蓝屏了」 with nothing named is still the computer's.
        if (symptom?.Kind == "blueScreen" && system?.Entry is not { GeneralPurpose: true } && lexicon.Catalogue.Find("Computer") is { } computer)
        {
            system = new SystemMention(computer.Name, computer, symptom.Start, symptom.End);
        }

        // The password a prompt keeps asking for is what it asks, not the account system: "Keeps asking for my password"
        // has not said which application asks, and every set names that application (Outlook, the Wi-Fi, the share).
        if (symptom?.Kind == "passwordPrompt" && system is { Entry.Kind: SystemKind.Account } account
            && account.Start >= symptom.Start && account.End <= symptom.End)
        {
            system = null;
        }

        // Printing with no system named is the printer's ("I can't print anything", 「彩色打印出来发红」, 「我在打印合同」): every
        // tuning set labels it so; an application named with it ("Can't print from Excel") keeps its own.
        if (system is null && Prints(scan) && lexicon.Catalogue.Find("Printer") is { } printer)
        {
            system = new SystemMention(printer.Name, printer, -1, -1);
        }

        if (action is { Start: >= 0 } && SignsIn(scan, action))
        {
            action = action with { SignIn = true };
        }

        return new DescriptionFacts
        {
            Clause = AdjacentClause(scan, action, symptom),
            System = system?.Name,
            CatalogueSystem = system?.Entry,
            SystemNoun = system is { Entry: { } entry, Start: >= 0 } && system.End <= scan.Text.Length ? entry.NounFor(scan.Text[system.Start..system.End]) : null,
            Action = action,
            Element = ElementReader.Read(scan),
            Symptom = symptom,
            Error = error,
            ErrorState = error is not null ? ErrorCodeState.Given : SaysNoError(scan) ? ErrorCodeState.None : ErrorCodeState.NotGiven,
            Context = ContextReader.Read(scan),
            Request = RequestReader.Read(scan, symptom, error),
            Place = PlaceReader.Read(scan),
            Period = ContextReader.PeriodOf(scan),
            Span = ContextReader.SpanOf(scan),
            AfterChange = ContextReader.ChangeBefore(scan),
            ActivityOnly = ActivityFrame().IsMatch(scan.Text) && !SaysSomethingFailed().IsMatch(scan.Text),
        };
    }

    // "I was in the middle of exporting …", "I'm uploading …", "I was trying to submit …", 「我在…」, 「我正在…」, 「正在…」.
    [GeneratedRegex(@"^\s*(?:i was in the middle of|i'?m (?:in the middle of )?[a-z]+ing\b|i am [a-z]+ing\b|i was [a-z]+ing\b|我正?在|正在)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActivityFrame();

    // Any word that something did not go as meant: a negation, a contrast, a failure.
    [GeneratedRegex(@"(?<![A-Za-z])(?:but|not|no|never)(?![A-Za-z])|n't|但|可是|不|没|无法|失败|问题|错", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaysSomethingFailed();

    /// <summary>The action is the lexicon's signing in ("trying to log in", 「登录的时候」), not a system's own function.</summary>
    private static bool SignsIn(TextScan scan, ActionMention action) =>
        scan.Matches.Any(match => match.Kind is PhraseKind.Verb or PhraseKind.VerbNoun && match.Start >= action.Start && match.End <= action.End
            && scan.Lexicon.Verbs[match.Entry].Key == "login");

    private static bool Prints(TextScan scan) =>
        scan.Matches.Any(match => match.Kind == PhraseKind.Verb && scan.Lexicon.Verbs[match.Entry].Key == "print"
            || match.Kind == PhraseKind.Symptom && scan.Lexicon.Symptoms[match.Entry].Implies == "print");

    // Where the reporter turns to the problem after greetings and thanks: 「就是有个事:」, 「情况是这样的」, "Now something else:".
    [GeneratedRegex(@"就是有个事|(?:事情|情况)?是这样的|(?<![A-Za-z])(?:now )?something else:|(?<![A-Za-z])the (?:problem|issue) is:?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProblemStart();

    /// <summary>
    /// 「网线什么的都接好了没问题,就是有个事:ERP里面…」, "thanks for fixing my monitor last week. Now something else: my desk
    /// phone…": what comes before the turn is a greeting, thanks or what works, and names no system of the problem. Read from
    /// the turn on, when what follows states a symptom or an error.
    /// </summary>
    private static string FromProblemStart(string text, DescriptionLexicon lexicon)
    {
        if (ProblemStart().Match(text) is not { Success: true } turn || turn.Index == 0)
        {
            return text;
        }

        var rest = text[(turn.Index + turn.Length)..];
        return StatesAProblem(new TextScan(rest, lexicon)) ? rest : text;
    }

    private static bool StatesAProblem(TextScan scan) =>
        ErrorTextReader.Read(scan) is not null || ActionSymptomReader.Read(scan, error: null).Symptom is not null;

    // Where a second problem starts: 「还有一个事」, 「…。还有打印机…」, 「另外我…」, 「二是」, 「第二,」, 「另一个是」, "2)", "another issue";
    // weaker, only where more than one problem is announced or another system follows: ", also …", "…, and my …".
    [GeneratedRegex(@"还有一?[个件](?:事|问题)|(?<=[。;；!！?？]\s{0,2})还有|另外还有|另外[,，]?我|第二[,，、:：]|二是|另一个(?:是|事|问题)|(?<![\w.])2\s?[.、)）](?!\d)|(?<![A-Za-z])(?:second|another)\s(?:issue|problem|thing)|(?<also>(?<=[,.;]\s{0,2})(?:and\s)?also\s)|(?<and>(?<=[,;]\s{0,2})and\s(?=(?:I|my)\s))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextProblem();

    // A message that says it holds several problems: 「两个事」, 「三个问题」, 「多个问题」, "Two things:", "a couple of issues".
    [GeneratedRegex(@"[两二三几多]个(?:事|问题)|(?<![A-Za-z])(?:two|three|couple of|several|a few)\s(?:things|issues|problems)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeveralAnnounced();

    /// <summary>
    /// A message with several problems ("两个问题:1. Teams…;2. Outlook…", 「电脑开机特别慢。还有一个事,共享盘…」) is one ticket
    /// per problem, and the first is the one described; the others stay in the reporter's words. Every label follows the
    /// first, even a vague one (「两个事 一个是电脑不太对劲 另一个是打印机卡纸了」: the convention of 2026-12-03, seventh session),
    /// when the message announces several or the rest names another system. Otherwise the first part must state a problem
    /// of its own (a symptom or an error): steps numbered "1. … 2. …" lead to one problem and are read whole.
    /// </summary>
    private static TextScan FirstProblem(string text, DescriptionLexicon lexicon)
    {
        text = FromProblemStart(text, lexicon);
        var whole = new TextScan(text, lexicon);
        if (NextProblem().Match(text) is not { Success: true, Index: > 0 } next)
        {
            return whole;
        }

        var first = new TextScan(text[..next.Index], lexicon);
        var announced = SeveralAnnounced().IsMatch(text[..next.Index]);
        var anotherSystem = SystemReader.Read(new TextScan(text[next.Index..], lexicon)) is { } rest && SystemReader.Read(first) is { } own && rest.Name != own.Name;

        // "…, and my …" is a second problem only where several were announced; "…, also …" where another system follows too.
        var cut = next.Groups["and"].Success ? announced
            : next.Groups["also"].Success ? announced || anotherSystem
            : StatesAProblem(first) || announced || anotherSystem;
        return cut ? first : whole;
    }

    private static bool SaysNoError(TextScan scan) =>
        scan.Lexicon.NoErrorStatements.Any(statement => scan.Lower.Contains(statement, StringComparison.Ordinal));

    private static string? AdjacentClause(TextScan scan, ActionMention? action, SymptomMention? symptom)
    {
        const int MaxGap = 3;
        if (action is null || symptom is null || action.InSymptom || action.End < 0 || symptom.Start < action.End || symptom.Start - action.End > MaxGap)
        {
            return null;
        }

        return scan.Text[action.End..symptom.Start].Any(TextScan.IsClausePunctuation) ? null : scan.Slice(action.Start, symptom.End);
    }
}
