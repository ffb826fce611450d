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
    private readonly SpecificModel _model;
    private readonly RecentEntries<string, TextReading> _texts = new(capacity: 512);
    private volatile Memo? _last;

    internal DescriptionAnalyzer(DescriptionLexicon lexicon, DescriptionComposer composer, DescriptionQuestions questions, SpecificModel model)
    {
        _lexicon = lexicon;
        _model = model;
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
            new DescriptionQuestions(localizer, SystemsCatalogue.Default),
            SpecificModel.Default);
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
        var facts = WithGenericSymptom(_answers.Apply(ReadText(text).Facts, answers: null), locale);
        return (SlotsOf(facts), facts.CatalogueSystem);
    }

    /// <summary>An error shown without words is the locale's generic symptom.</summary>
    private DescriptionFacts WithGenericSymptom(DescriptionFacts facts, string locale) =>
        facts.Symptom is { Text: "" } generic ? facts with { Symptom = generic with { Text = _composer.GenericErrorSymptom(locale) } } : facts;

    /// <summary>What <paramref name="text"/> says before any answer is applied, read once per recent text.</summary>
    /// <remarks>
    /// It does not depend on the answers: every turn of an intake reads the same report again with one answer more,
    /// and the filed description is read again for the knowledge search and its index. That reading was about 4% of
    /// the intake's CPU, mostly repeats (50 conversations take turns in the single-entry <c>_last</c>). Texts of the
    /// last 512 to 1,024 readings are kept; the facts are immutable records, safe to share.
    /// </remarks>
    private TextReading ReadText(string text)
    {
        if (!_texts.TryGetValue(text, out var reading))
        {
            reading = new TextReading(text, DescriptionTextReader.Read(text, _lexicon), _lexicon);
            _texts.Set(text, reading);
        }

        return reading;
    }

    private DescriptionAnalysis AnalyzeOnce(string text, string locale, DescriptionAnswers? answers)
    {
        var reading = ReadText(text);
        var read = _answers.Apply(reading.Facts, answers);
        var specific = Decide(read, locale, reading);
        var facts = WithGenericSymptom(read, locale);

        // A report the model promotes asks nothing the rule would have asked for it to be specific (what they were
        // doing, what happened): only the optional error code, as for any specific report.
        var missing = DescriptionSlot.AskOrder.Where(slot => facts.Missing(slot) && (!specific || slot == DescriptionSlot.ErrorCode)).ToArray();
        return new DescriptionAnalysis
        {
            Specific = specific,
            Slots = SlotsOf(facts),
            Missing = missing,
            Question = missing.Length == 0 ? null : _questions.For(missing[0], facts, locale),
            Description = !specific ? null
                // A promoted report may name no symptom the lexicon knows ("Outlook is acting weird"): the composer has
                // nothing to build a sentence around, and the reporter's own words are what the model judged specific.
                // A wrong value shown is said by the value the reporter names ("my leave balance as zero", 「应付余额…差了三万多」),
                // which no slot holds: their words say it better than "The HR system: as zero." would.
                : facts.Symptom is null && facts.Request is null || facts.WrongValueShown && facts.Action is null ? text.Trim()
                : _composer.Compose(facts, locale),
            CatalogueSystem = facts.CatalogueSystem,
            ErrorCode = facts.ErrorState,
        };
    }

    /// <summary>
    /// The rule's decision, overruled by the learned model (<see cref="SpecificModel"/>) only towards "specific", and
    /// never past a missing system: a report that does not say what is broken is always asked that. The model's "vague"
    /// never overrules the rule's "specific": a report the rule finds specific has no required slot missing, so there
    /// would be nothing sensible to ask (bench/README.md, "Shipped: the learned decision").
    /// </summary>
    /// <remarks>
    /// Nor past an error the rule ties to what the reporter was doing (<see cref="DescriptionFacts.Missing"/>: an
    /// application's error belongs to the function used, a computer's stop code to what it was running, an account's
    /// error to what was done with it). The model promoted 「电脑蓝屏了,提示IRQL_NOT_LESS_OR_EQUAL」 but not "Got a BSOD -
    /// IRQL_NOT_LESS_OR_EQUAL", "My account says 'Account locked'" but not 「账号提示已锁定」: the same report decided
    /// differently by language is the model guessing at a convention it has too few cases of. The same holds for a display's
    /// fault that keeps a period (<see cref="DescriptionFacts.DisplayKeepsAPeriod"/>, round h17t11), and for a report that says
    /// nothing of what went wrong (<see cref="DescriptionFacts.SaysNothingWrong"/>, the convention of the seventh session): the
    /// model promoted "I was in the middle of exporting customer contacts from the CRM" on its length and verbs alone.
    /// </remarks>
    private bool Decide(DescriptionFacts facts, string locale, TextReading reading) =>
        facts.Specific
        || (!facts.Missing(DescriptionSlot.System) && !(facts.Error is not null && facts.Missing(DescriptionSlot.Action))
            && !facts.DisplayKeepsAPeriod && !facts.SaysNothingWrong && _model.SaysSpecific(SpecificFeatures.Of(facts, locale, reading.TextFeatures)));

    /// <summary>
    /// One text's reading, shared by every turn and reader of it: its facts, and the text features the model needs,
    /// computed only when a decision first asks (readers of stored descriptions never do).
    /// </summary>
    private sealed class TextReading(string text, DescriptionFacts facts, DescriptionLexicon lexicon)
    {
        private IReadOnlyDictionary<string, double>? _textFeatures;

        public DescriptionFacts Facts { get; } = facts;

        // Two threads may both compute it; the result is the same immutable value, so the race is harmless.
        public IReadOnlyDictionary<string, double> TextFeatures => _textFeatures ??= SpecificFeatures.OfText(text, lexicon);
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
