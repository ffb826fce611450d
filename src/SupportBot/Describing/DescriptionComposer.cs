using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// Composes the specific description in the reporter's language, in the seeds' format:
/// 「登录OA系统时,'审批'按钮无响应,错误代码为E005」 / "OA: when approving, the Approve button does not
/// respond; error code E005." Parts the reporter's words already contain are not repeated.
/// </summary>
internal sealed partial class DescriptionComposer(Localizer localizer, DescriptionLexicon lexicon)
{
    public string GenericErrorSymptom(string locale) => localizer.Get(locale, "describe.symptom.errorShown");

    public string Compose(DescriptionFacts facts, string locale)
    {
        // A how-to question or a request has nothing to compose from: the reporter's own words say what is wanted. A
        // reason given beside equipment asked for ("mine is 6 years old and the hinge is cracked") stays in those words.
        if (facts.Request is { } request)
        {
            return request;
        }

        var chinese = Localizer.Normalize(locale) == Localizer.Chinese;
        var kind = facts.CatalogueSystem?.Kind.ToString() ?? nameof(SystemKind.Application);

        // Chinese uses the display name (打印机卡纸); English reads as a sentence ("on the printer", "in OA").
        var system = chinese ? facts.SystemNoun ?? facts.CatalogueSystem?.DisplayName(locale) ?? facts.System : EnglishSystem(facts);
        // Mid-sentence in English: "No sound" typed at the start of a message reads "there is no sound".
        var symptom = WithoutDanglingEnd(chinese ? facts.Symptom!.Text : LowerFirstUnlessName(facts.Symptom!.Text));

        // "account locked??", "Account locked out. again.": the bare participle needs its verb ("The account is locked out.").
        if (!chinese && facts.Symptom.Kind == "locked" && symptom.StartsWith("locked", StringComparison.Ordinal))
        {
            symptom = "is " + symptom;
        }

        // With no action (a device's own fault), the symptom is the clause: 「电脑蓝屏」, "the VPN keeps dropping".
        var inline = WithoutDanglingEnd(facts.Clause) ?? (facts.Action is null || facts.Action.InSymptom ? symptom : null);
        if (chinese && facts.Error is { IsMessage: true } shown)
        {
            symptom = QuoteSetOffMessage(symptom, shown.Text);
            inline = inline is null ? null : QuoteSetOffMessage(inline, shown.Text);
        }

        var error = Mentions(inline ?? symptom, facts.Error?.Text) ? null : ErrorPart(facts, locale);

        string body;
        if (facts.Action is null && facts.Symptom.Kind == "errorShown" && error is not null && system is not null)
        {
            // A device's own error, nothing else said ("VPN error 809"): "The VPN shows error code 809", 「VPN显示错误代码为809」.
            body = localizer.Get(locale, "describe.compose.showsError", system, error);
            error = null;
        }
        else if (inline is not null)
        {
            // With no action, the element is the subject in both languages: "the Approve button does nothing".
            var withElement = facts.Clause is null && (chinese || facts.Action is null) ? WithElement(facts.Element, inline, chinese, action: null) : inline;
            body = system is null || MentionsSystem(withElement, facts, system) ? (chinese ? withElement : EnglishAlone(withElement))
                : chinese ? JoinChinese(localizer.Get(locale, $"describe.compose.in.{kind}", system), withElement)
                : EnglishClause(system, withElement, kind, locale);
        }
        else
        {
            var action = chinese ? facts.Action!.Text : EnglishMoment(WithoutDanglingEnd(LowerFirstUnlessName(facts.Action!.Text)));
            if (chinese && system is not null)
            {
                // Chinese needs no space between words, but two Latin words do: 「使用VPN connect上时」, not 「VPNconnect」.
                action = LatinGap(system, action) + action;
            }

            body = system is null || MentionsSystem(action, facts, system)
                ? localizer.Get(locale, "describe.compose.when.None", action)
                : localizer.Get(locale, $"describe.compose.when.{kind}{(EndsWithIn(action) ? ".afterIn" : "")}", system, action);

            // "报错" / "an error appears" adds nothing once the error itself is quoted.
            if (!(facts.Symptom.Kind == "errorShown" && error is not null))
            {
                var what = WithElement(facts.Element, symptom, chinese, facts.Action.Text);
                body += localizer.Get(locale, "describe.compose.separator") + (chinese || what != symptom ? what : EnglishSubject(symptom) + ThirdPerson(symptom));
            }
            else
            {
                body += localizer.Get(locale, "describe.compose.separator") + (chinese ? "" : "it shows ") + error;
                error = null;
            }
        }

        var description = error is null ? body : body + localizer.Get(locale, "describe.compose.errorSeparator") + error;
        var extras = new[] { facts.Context.Frequency, facts.Context.Scope, facts.Context.Since }
            .OfType<string>()
            .Where(extra => !Mentions(description, extra))
            .ToArray();
        if (extras.Length > 0)
        {
            description += localizer.Get(locale, "describe.compose.extras", string.Join(localizer.Get(locale, "describe.compose.extrasSeparator"), extras));
        }

        description = char.ToUpperInvariant(description[0]) + description[1..];

        // A quoted message that ends its own sentence ('… contact your administrator.') needs no second full stop.
        return EndsSentence(description) ? description : localizer.Get(locale, "describe.compose.end", description);
    }

    /// <summary>
    /// 「提示 文件大小超出限制」: a message the reporter set off with spaces is quoted as the seeds quote one
    /// (「提示“文件大小超出限制”」), so the description does not read as two clauses.
    /// </summary>
    private static string QuoteSetOffMessage(string text, string message) =>
        text.EndsWith(" " + message, StringComparison.Ordinal) ? text[..^(message.Length + 1)].TrimEnd() + "“" + message + "”" : text;

    private static string WithElement(string? element, string symptom, bool chinese, string? action)
    {
        if (element is null || Mentions(symptom, element) || Mentions(action, element) || (action is not null && Mentions(element, action)))
        {
            return symptom;
        }

        if (chinese)
        {
            // The seeds quote a button's label: 「'审批'按钮无响应」.
            return (element.EndsWith("按钮", StringComparison.Ordinal) && element.Length > 2 && element.IndexOfAny(['\'', '‘', '“', '「']) < 0
                ? "'" + element[..^2] + "'按钮"
                : element) + symptom;
        }

        var needsArticle = !element.StartsWith("the ", StringComparison.OrdinalIgnoreCase);
        return (needsArticle ? "the " : "the" + element[3..4]) + (needsArticle ? element : element[4..]) + " " + symptom;
    }

    private string? ErrorPart(DescriptionFacts facts, string locale) => facts.ErrorState switch
    {
        ErrorCodeState.Given when facts.Error is { } error =>
            localizer.Get(locale, error.IsMessage ? "describe.compose.errorMessage" : "describe.compose.errorCode", error.Text),
        ErrorCodeState.None => localizer.Get(locale, "describe.compose.noErrorCode"),
        ErrorCodeState.Unknown => localizer.Get(locale, "describe.compose.errorCodeUnknown"),
        _ => null,
    };

    /// <summary>"when approving", "when opening attachments" (from "open attachments"), "during month-end report generation".</summary>
    private string EnglishMoment(string action)
    {
        var firstWord = action.Split(' ', 2)[0];
        if (firstWord is "when" or "while" or "during" or "after" or "before")
        {
            return action;
        }

        if (firstWord.EndsWith("ing", StringComparison.OrdinalIgnoreCase))
        {
            return "when " + action;
        }

        var scan = new TextScan(action, lexicon);
        if (scan.Matches.FirstOrDefault(match => match.Start == 0 && match.Kind == PhraseKind.Verb) is { Length: > 0 } verb)
        {
            return "when " + lexicon.Verbs[verb.Entry].Gerund + action[verb.End..];
        }

        return scan.Matches.Any(match => match.Kind == PhraseKind.VerbNoun) ? "during " + action : "when " + action;
    }

    /// <summary>
    /// The system as a sentence names it: "the printer", "the HR system", "OA", a product by its name ("Outlook",
    /// "Salesforce"); a system we do not know, as written.
    /// </summary>
    private static string? EnglishSystem(DescriptionFacts facts) =>
        facts.SystemNoun is { } noun && noun.All(char.IsAscii) ? (char.IsUpper(noun[0]) ? noun : "the " + noun)
        : facts.CatalogueSystem?.DisplayName(Localizer.English) is { } name
            ? name.StartsWith("your ", StringComparison.Ordinal) ? "the " + name[5..] : name
            : facts.System;

    /// <summary>
    /// The reporter's own clause with the system as its subject or setting: "the VPN won't connect", "in OA, I can't
    /// see the order list", "Teams call drops"; a noun phrase ("no dial tone") keeps the "The phone: …" form.
    /// </summary>
    private string EnglishClause(string system, string clause, string kind, string locale)
    {
        clause = LowerFirstUnlessName(clause);
        var first = FirstWord(clause);
        if (ReporterNegations.Contains(first))
        {
            var setting = kind == nameof(SystemKind.Device) ? "" : localizer.Get(locale, $"describe.compose.in.{kind}", system);
            return setting + (first == "unable" ? "I am " : "I ") + clause;
        }

        if (SystemNegations.Contains(first) || IsPredicate(first))
        {
            return system + (first is "not" ? " is " : " ") + clause;
        }

        return localizer.Get(locale, "describe.compose.in.Device", system) + clause;
    }

    /// <summary>"does nothing" and "keeps crashing" need a subject after "When clicking in OA, …"; "an error appears" has one.</summary>
    private static string EnglishSubject(string symptom)
    {
        var first = FirstWord(symptom);
        return first switch
        {
            _ when ReporterNegations.Contains(first) => first == "unable" ? "I am " : "I ",
            _ when NounPhraseSubject(symptom) is { } subject => subject,
            _ when BaseVerbs.Contains(first) && symptom.Contains(' ', StringComparison.Ordinal) => "it ",
            "getting" or "seeing" or "receiving" => "I keep ",
            "not" or "still" or "very" or "extremely" or "really" or "too" or "so" => "it is ",
            _ when Adjectives.Contains(first) => "it is ",
            "no" => symptom.Split(' ', 3) is [_, { } noun, ..] && noun.EndsWith('s') ? "there are " : "there is ",
            _ when SystemNegations.Contains(first) || IsPredicate(first) => "it ",
            _ when first.Length > 4 && first.EndsWith("ing", StringComparison.Ordinal) => "it keeps ",
            _ when first is "a" or "an" or "the" or "i" or "it" or "nothing" or "everything" or "my" or "this" or "there" or "only" or "all" or "every" => "",
            _ => "it shows ",
        };
    }

    /// <summary>A clause that names no subject ("can't log into CRM") gets the reporter or "it" as its subject.</summary>
    private static string EnglishAlone(string clause)
    {
        var first = FirstWord(clause);
        return ReporterNegations.Contains(first) ? (first == "unable" ? "I am " : "I ") + LowerFirst(clause)
            : SystemNegations.Contains(first) ? "it " + LowerFirst(clause)
            : clause;
    }

    private static string FirstWord(string text) => text.Split(' ', 2)[0].ToLowerInvariant();

    /// <summary>
    /// "Teams calls" stays "Teams calls" mid-sentence: a system's name keeps its capital. The lexicon is only asked when
    /// there is a capital to lower, which most symptoms and actions do not start with.
    /// </summary>
    private string LowerFirstUnlessName(string text)
    {
        var lowered = LowerFirst(text);
        return ReferenceEquals(lowered, text) || !lexicon.Index.FindAll(text.ToLowerInvariant()).Exists(match => match.Kind == PhraseKind.System && match.Start == 0)
            ? lowered
            : text;
    }

    /// <summary>"Login" → "login", but "VPN …" and the reporter's "I get …", "I'm …" stay.</summary>
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) && !(text[0] == 'I' && !char.IsLetter(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static readonly HashSet<string> ReporterNegations = ["can't", "cant", "cannot", "couldn't", "unable"];

    private static readonly HashSet<string> SystemNegations = ["won't", "wont", "doesn't", "doesnt", "didn't", "isn't", "never", "fails", "failed", "not"];

    private static readonly HashSet<string> Adjectives = ["slow", "blank", "empty", "frozen", "stuck", "unresponsive", "garbled", "greyed", "grayed", "missing", "down", "offline", "unavailable", "corrupt", "corrupted", "locked", "disabled", "wrong", "incorrect", "black", "white"];

    private static readonly HashSet<string> Predicates = ["is", "was", "are", "does", "did", "has", "had", "keeps", "stays", "takes", "shows", "says", "gives", "returns", "hangs", "freezes", "crashes", "stops", "goes", "gets", "got", "loads", "runs", "prints", "jams", "restarts", "disconnects", "drops", "cuts", "turns", "flickers", "times", "bounces", "asks", "displays", "closes", "opens", "beeps", "sits", "throws", "pops", "errors", "spins", "kicks", "makes", "rejects", "declines", "said", "tells", "told", "dumps", "reboots", "overheats", "dies", "died", "shuts"];

    private static bool IsPredicate(string word) =>
        Predicates.Contains(word) || (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) || (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal));

    /// <summary>"wifi" names the Wi-Fi as well as "Wi-Fi" does: spelling apart, naming it twice reads as a stutter.</summary>
    private static bool MentionsSystem(string text, DescriptionFacts facts, string system) =>
        new[] { system, facts.System, facts.SystemNoun }.Any(name => Mentions(Squeezed(text), Squeezed(name)));

    private static string? Squeezed(string? text) => text?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    private static bool Mentions(string? text, string? part) =>
        text is not null && part is not null && text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
