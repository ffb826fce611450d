using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// The vague → specific engine: reads what a reporter's text already says, applies their answers, and
/// says what is missing, what to ask next and, once enough is known, the specific description.
/// Stateless and thread-safe; the lexicon is built once.
/// </summary>
internal sealed class DescriptionAnalyzer
{
    private const int MaxAnswerLength = 500;
    private readonly DescriptionLexicon _lexicon;
    private readonly DescriptionComposer _composer;
    private readonly DescriptionQuestions _questions;
    private volatile Memo? _last;

    internal DescriptionAnalyzer(DescriptionLexicon lexicon, DescriptionComposer composer, DescriptionQuestions questions)
    {
        _lexicon = lexicon;
        _composer = composer;
        _questions = questions;
    }

    /// <summary>The engine over the embedded catalogue and lexicon, for code that has no service provider (benchmarks, tools).</summary>
    public static DescriptionAnalyzer CreateDefault()
    {
        var localizer = new Localizer();
        return new DescriptionAnalyzer(
            DescriptionLexicon.Default,
            new DescriptionComposer(localizer, DescriptionLexicon.Default),
            new DescriptionQuestions(localizer, SystemsCatalogue.Default));
    }

    public DescriptionAnalysis Analyze(string text, string locale, DescriptionAnswers? answers = null)
    {
        ArgumentNullException.ThrowIfNull(text);

        // One intake turn asks about the same form several times (the next question, the step, the card): the last
        // analysis is kept, so a 4,000-character text is read once a turn, not once a question.
        if (_last is { } last && last.Text == text && last.Locale == locale && Equals(last.Answers, answers))
        {
            return last.Result;
        }

        var result = AnalyzeOnce(text, locale, answers);
        _last = new Memo(text, locale, answers, result);
        return result;
    }

    private sealed record Memo(string Text, string Locale, DescriptionAnswers? Answers, DescriptionAnalysis Result);

    /// <summary>
    /// What a text already filed says: the slots and the catalogue system <see cref="Analyze"/> would read from it,
    /// without the next question or a composed description. Readers of stored descriptions (knowledge search, the
    /// weekly review's recurring problems) read thousands at a time and need nothing more.
    /// </summary>
    public (DescriptionSlots Slots, SystemEntry? CatalogueSystem) ReadSlots(string text, string locale)
    {
        ArgumentNullException.ThrowIfNull(text);
        var facts = Read(text, locale, answers: null);
        return (SlotsOf(facts), facts.CatalogueSystem);
    }

    /// <summary>The facts of a text with its answers applied; an error shown without words is the locale's generic symptom.</summary>
    private DescriptionFacts Read(string text, string locale, DescriptionAnswers? answers)
    {
        var facts = Apply(Read(text), answers);
        return facts.Symptom is { Text: "" } generic ? facts with { Symptom = generic with { Text = _composer.GenericErrorSymptom(locale) } } : facts;
    }

    private DescriptionAnalysis AnalyzeOnce(string text, string locale, DescriptionAnswers? answers)
    {
        var facts = Read(text, locale, answers);
        var missing = DescriptionSlot.AskOrder.Where(facts.Missing).ToArray();
        return new DescriptionAnalysis
        {
            Specific = facts.Specific,
            Slots = SlotsOf(facts),
            Missing = missing,
            Question = missing.Length == 0 ? null : _questions.For(missing[0], facts, locale),
            Description = facts.Specific ? _composer.Compose(facts, locale) : null,
            CatalogueSystem = facts.CatalogueSystem,
            ErrorCode = facts.ErrorState,
        };
    }

    private DescriptionFacts Read(string text)
    {
        var scan = new TextScan(text, _lexicon);
        var error = ErrorTextReader.Read(scan);
        var system = SystemReader.Read(scan);
        var (action, symptom) = ActionSymptomReader.Read(scan, error);
        return new DescriptionFacts
        {
            Clause = AdjacentClause(scan, action, symptom),
            System = system?.Name,
            CatalogueSystem = system?.Entry,
            Action = action,
            Element = ElementReader.Read(scan),
            Symptom = symptom,
            Error = error,
            ErrorState = error is not null ? ErrorCodeState.Given : SaysNoError(scan) ? ErrorCodeState.None : ErrorCodeState.NotGiven,
            Context = ContextReader.Read(scan),
        };
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

    /// <summary>
    /// An answer replaces what the text said for the slot it was given for; "不知道"/"none" settle a slot without
    /// filling it. Every answer is also read whole, so the other slots it names (a system, an error code, an action
    /// with its symptom) fill what is still missing, whichever question it answered.
    /// </summary>
    private DescriptionFacts Apply(DescriptionFacts facts, DescriptionAnswers? answers)
    {
        if (answers is null)
        {
            return facts;
        }

        if (Clean(answers.System) is { } system)
        {
            if (IsNoAnswer(system))
            {
                facts = facts with { SystemUnknown = true };
            }
            else
            {
                var named = SystemReader.Read(new TextScan(system, _lexicon));
                facts = named?.Entry is { } entry
                    ? facts with { System = entry.Name, CatalogueSystem = entry }
                    : facts with { System = named?.Name ?? system, CatalogueSystem = null };
                facts = FillMissing(facts, Read(system), DescriptionSlot.System);
            }
        }

        if (Clean(answers.Action) is { } action && !IsNoAnswer(action) && !IsVague(action))
        {
            facts = AnswerAction(facts, action);
        }

        if (Clean(answers.Symptom) is { } symptom && !IsNoAnswer(symptom) && !IsVague(symptom))
        {
            facts = AnswerSymptom(facts, symptom);
        }

        if (Clean(answers.Element) is { } element && !IsNoAnswer(element))
        {
            facts = facts with { Element = element };
        }

        if (Clean(answers.ErrorCode) is { } errorCode)
        {
            facts = IsNone(errorCode) ? facts with { Error = null, ErrorState = ErrorCodeState.None }
                : IsUnknown(errorCode) ? facts with { Error = null, ErrorState = ErrorCodeState.Unknown }
                : facts with { Error = Given(errorCode), ErrorState = ErrorCodeState.Given };
        }

        return facts;
    }

    /// <summary>
    /// The whole answer is the action ("提交请假审批"), unless it also says what went wrong ("logging in, and it says
    /// wrong password"): then the action and the symptom are read from it separately.
    /// </summary>
    private DescriptionFacts AnswerAction(DescriptionFacts facts, string answer)
    {
        var read = Read(answer);

        // "error 809" given where the action was asked: the error is taken, and the action is still to ask.
        if (read.Error is { } error && read.Action is null && IsOnlyError(answer, error))
        {
            return FillMissing(facts, read, DescriptionSlot.Action);
        }

        if (read.Action is { } action && read.Symptom is { Text.Length: > 0 } && facts.Symptom is null)
        {
            return FillMissing(facts with { Action = action with { Start = -1, End = -1 }, Symptom = read.Symptom, Clause = read.Clause }, read, DescriptionSlot.Action);
        }

        return FillMissing(facts with { Action = new ActionMention(answer, InSymptom: false), Clause = null }, read, DescriptionSlot.Action);
    }

    /// <summary>
    /// The whole answer is the symptom ("点提交没反应"), except when it is only an error ("E005", "it says 'Access
    /// denied'"): then the symptom is that an error appeared, and the error is the code or message itself.
    /// </summary>
    private DescriptionFacts AnswerSymptom(DescriptionFacts facts, string answer)
    {
        var read = Read(answer);
        if (read.Error is { } error && IsOnlyError(answer, error))
        {
            var withError = facts.Error is null ? facts with { Error = error, ErrorState = ErrorCodeState.Given } : facts;
            return FillMissing(withError with { Symptom = new SymptomMention("", "errorShown"), Clause = null }, read, DescriptionSlot.Symptom);
        }

        if (facts.Action is null && read.Action is { } action && read.Symptom is not null)
        {
            return FillMissing(facts with { Action = action, Symptom = read.Symptom, Clause = read.Clause }, read, DescriptionSlot.Symptom);
        }

        return FillMissing(facts with { Symptom = new SymptomMention(answer, "reported"), Clause = null }, read, DescriptionSlot.Symptom);
    }

    /// <summary>What an answer says beyond the slot it answered, taken only where nothing is known yet.</summary>
    private static DescriptionFacts FillMissing(DescriptionFacts facts, DescriptionFacts read, string answered)
    {
        if (answered != DescriptionSlot.System && facts.System is null && !facts.SystemUnknown && read.System is { } system)
        {
            facts = facts with { System = system, CatalogueSystem = read.CatalogueSystem };
        }

        if (facts.Action is null && read.Action is { } action)
        {
            facts = facts with { Action = action, Clause = read.Clause };
        }

        if (facts.Symptom is null && read.Symptom is { } symptom && answered != DescriptionSlot.Action)
        {
            facts = facts with { Symptom = symptom };
        }

        if (facts.Error is null && facts.ErrorState == ErrorCodeState.NotGiven && read.Error is { } error)
        {
            facts = facts with { Error = error, ErrorState = ErrorCodeState.Given };
        }

        return facts with { Element = facts.Element ?? read.Element };
    }

    /// <summary>"E005", "it shows error 0x80070005", 「提示'权限不足'」: little but the error and the words that cue it.</summary>
    private bool IsOnlyError(string answer, ErrorText error)
    {
        const int MaxOtherWeight = 12;
        var rest = answer.Remove(error.Start, Math.Min(error.End, answer.Length) - error.Start);
        var scan = new TextScan(rest, _lexicon);
        var cues = scan.Matches.Where(match => match.Kind is PhraseKind.ErrorCue or PhraseKind.VagueSymptom or PhraseKind.VagueVerb or PhraseKind.ElementNoun).Sum(match => match.Length);

        // A Chinese character carries about as much as a short English word's worth of letters.
        var weight = rest.Sum(c => TextScan.IsHan(c) ? 2 : char.IsLetter(c) ? 1 : 0) - cues;
        return weight <= MaxOtherWeight;
    }

    private ErrorText Given(string answer) => ErrorTextReader.FromAnswer(new TextScan(answer, _lexicon));

    /// <summary>"none", "no", 「没有」: there is nothing (no error code, nothing tried).</summary>
    public bool IsNone(string answer) => _lexicon.NoneAnswers.Contains(Bare(answer));

    /// <summary>"don't know", 「不知道」, 「不记得」: the reporter cannot say.</summary>
    public bool IsUnknown(string answer) => _lexicon.UnknownAnswers.Contains(Bare(answer));

    private bool IsNoAnswer(string answer) => IsUnknown(answer) || IsNone(answer);

    /// <summary>An answer that is only vague words ("用", "doesn't work") does not fill the slot.</summary>
    private bool IsVague(string answer)
    {
        var scan = new TextScan(answer, _lexicon);
        var covered = 0;
        foreach (var match in scan.Matches)
        {
            if (match.Kind is PhraseKind.VagueSymptom or PhraseKind.VagueVerb)
            {
                covered += match.Length;
            }
            else if (match.Kind is PhraseKind.Verb or PhraseKind.VerbNoun or PhraseKind.Symptom or PhraseKind.ElementNoun or PhraseKind.System)
            {
                return false;
            }
        }

        return covered > 0 && covered >= Bare(answer).Replace(" ", "", StringComparison.Ordinal).Length - 3;
    }

    private static string? Clean(string? answer) =>
        string.IsNullOrWhiteSpace(answer) ? null : answer.Trim() is var trimmed && trimmed.Length > MaxAnswerLength ? trimmed[..MaxAnswerLength] : trimmed;

    private static string Bare(string answer) => answer.Trim().TrimEnd('.', '。', '!', '！', '~').Trim().ToLowerInvariant();

    private static DescriptionSlots SlotsOf(DescriptionFacts facts) => new()
    {
        System = facts.System,
        Action = facts.Action?.Text,
        Element = facts.Element,
        Symptom = facts.Symptom?.Text,
        ErrorCode = facts.Error?.Text,
        Frequency = facts.Context.Frequency,
        Scope = facts.Context.Scope,
        Since = facts.Context.Since,
        Version = facts.Context.Version,
    };
}
