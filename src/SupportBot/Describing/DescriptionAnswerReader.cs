namespace SupportBot.Describing;

/// <summary>
/// Applies the reporter's answers to what their text said: each answer fills the slot it was given for, and is read
/// whole for the other slots it names. Also says what counts as "none" and "don't know" for intake.
/// </summary>
internal sealed class DescriptionAnswerReader(DescriptionLexicon lexicon)
{
    private const int MaxAnswerLength = 500;
    private readonly DescriptionLexicon _lexicon = lexicon;

    /// <summary>
    /// An answer replaces what the text said for the slot it was given for; "不知道"/"none" settle a slot without
    /// filling it. Every answer is also read whole, so the other slots it names (a system, an error code, an action
    /// with its symptom) fill what is still missing, whichever question it answered.
    /// </summary>
    public DescriptionFacts Apply(DescriptionFacts facts, DescriptionAnswers? answers)
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
                // The mention's span is in the scan's (normalised) text, not in the raw answer.
                var scan = new TextScan(system, _lexicon);
                var named = SystemReader.Read(scan);
                facts = named?.Entry is { } entry
                    ? facts with { System = entry.Name, CatalogueSystem = entry, SystemNoun = entry.NounFor(scan.Text[named.Start..named.End]) }
                    : facts with { System = named?.Name ?? system, CatalogueSystem = null, SystemNoun = null };
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
            facts = facts with { System = system, CatalogueSystem = read.CatalogueSystem, SystemNoun = read.SystemNoun };
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

    private DescriptionFacts Read(string answer) => DescriptionTextReader.Read(answer, _lexicon);
}
