using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// Composes the specific description in the reporter's language, in the seeds' format:
/// 「登录OA系统时,'审批'按钮无响应,错误代码为E005」 / "OA: when approving, the Approve button does not
/// respond; error code E005." Parts the reporter's words already contain are not repeated.
/// </summary>
internal sealed class DescriptionComposer(Localizer localizer, DescriptionLexicon lexicon)
{
    public string GenericErrorSymptom(string locale) => localizer.Get(locale, "describe.symptom.errorShown");

    public string Compose(DescriptionFacts facts, string locale)
    {
        var chinese = Localizer.Normalize(locale) == Localizer.Chinese;
        var kind = facts.CatalogueSystem?.Kind.ToString() ?? nameof(SystemKind.Application);

        // English tickets name the system as engineers do ("Printer: jammed"); Chinese uses the display name (打印机卡纸).
        var system = chinese ? facts.CatalogueSystem?.DisplayName(locale) ?? facts.System : facts.System;
        var symptom = facts.Symptom!.Text;
        var inline = facts.Clause ?? (facts.Action!.InSymptom ? symptom : null);
        var error = Mentions(inline ?? symptom, facts.Error?.Text) ? null : ErrorPart(facts, locale);

        string body;
        if (inline is not null)
        {
            var withElement = chinese && facts.Clause is null ? WithElement(facts.Element, inline, chinese, action: null) : inline;
            body = (system is null || MentionsSystem(withElement, facts, system) ? "" : localizer.Get(locale, $"describe.compose.in.{kind}", system)) + withElement;
        }
        else
        {
            var action = chinese ? facts.Action!.Text : EnglishMoment(facts.Action!.Text);
            body = system is null || MentionsSystem(action, facts, system)
                ? localizer.Get(locale, "describe.compose.when.None", action)
                : localizer.Get(locale, $"describe.compose.when.{kind}", system, action);

            // "报错" / "an error appears" adds nothing once the error itself is quoted.
            if (!(facts.Symptom.Kind == "errorShown" && error is not null))
            {
                body += localizer.Get(locale, "describe.compose.separator") + WithElement(facts.Element, symptom, chinese, facts.Action.Text);
            }
            else
            {
                body += localizer.Get(locale, "describe.compose.separator") + error;
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

        return localizer.Get(locale, "describe.compose.end", char.ToUpperInvariant(description[0]) + description[1..]);
    }

    private static string WithElement(string? element, string symptom, bool chinese, string? action)
    {
        if (element is null || Mentions(symptom, element) || Mentions(action, element) || (action is not null && Mentions(element, action)))
        {
            return symptom;
        }

        if (chinese)
        {
            return element + symptom;
        }

        var needsArticle = !element.StartsWith("the ", StringComparison.OrdinalIgnoreCase);
        return (needsArticle ? "the " : "") + element + " " + symptom;
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

    private static bool MentionsSystem(string text, DescriptionFacts facts, string system) =>
        Mentions(text, system) || Mentions(text, facts.System);

    private static bool Mentions(string? text, string? part) =>
        text is not null && part is not null && text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
