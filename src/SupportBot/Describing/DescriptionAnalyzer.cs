using SupportBot.BotFramework.State;
using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// The vague → specific engine: reads what a reporter's text already says, applies their answers, and
/// says what is missing, what to ask next and, once enough is known, the specific description.
/// Thread-safe; the lexicon is built once, and what a recent text says is remembered.
/// </summary>
internal sealed class DescriptionAnalyzer
{
    private readonly DescriptionAnswerReader _answers;
    private readonly DescriptionComposer _composer;
    private readonly DescriptionQuestions _questions;
    private readonly DescriptionLexicon _lexicon;
    private readonly RecentEntries<string, DescriptionFacts> _texts = new(capacity: 512);
    private volatile Memo? _last;

    internal DescriptionAnalyzer(DescriptionLexicon lexicon, DescriptionComposer composer, DescriptionQuestions questions)
    {
        _lexicon = lexicon;
        _answers = new DescriptionAnswerReader(lexicon);
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
        var facts = _answers.Apply(ReadText(text), answers);
        return facts.Symptom is { Text: "" } generic ? facts with { Symptom = generic with { Text = _composer.GenericErrorSymptom(locale) } } : facts;
    }

    /// <summary>What <paramref name="text"/> says before any answer is applied, read once per recent text.</summary>
    /// <remarks>
    /// It does not depend on the answers: every turn of an intake reads the same report again with one answer more,
    /// and the filed description is read again for the knowledge search and its index. That reading was about 4% of
    /// the intake's CPU, mostly repeats (50 conversations take turns in the single-entry <c>_last</c>). Texts of the
    /// last 512 to 1,024 readings are kept; the facts are immutable records, safe to share.
    /// </remarks>
    private DescriptionFacts ReadText(string text)
    {
        if (!_texts.TryGetValue(text, out var facts))
        {
            facts = DescriptionTextReader.Read(text, _lexicon);
            _texts.Set(text, facts);
        }

        return facts;
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

    /// <summary>"none", "no", 「没有」: there is nothing (no error code, nothing tried).</summary>
    public bool IsNone(string answer) => _answers.IsNone(answer);

    /// <summary>"don't know", 「不知道」, 「不记得」: the reporter cannot say.</summary>
    public bool IsUnknown(string answer) => _answers.IsUnknown(answer);

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
