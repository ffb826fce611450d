using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>A verb reporters use for what they were doing, with the words the composer uses for it.</summary>
internal sealed record VerbEntry(string Key, string Gerund, string ZhName)
{
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Nominal forms ("login", "generation"), which take their object from the words before them.</summary>
    public IReadOnlyList<string> Nouns { get; init; } = [];

    /// <summary>Verbs that only describe the action after a negation: "can't see the list" but not "I see".</summary>
    public IReadOnlyList<string> NegatedOnly { get; init; } = [];
}

/// <summary>A symptom phrase; <see cref="Implies"/> names the verb it presupposes ("卡纸" happens while printing).</summary>
internal sealed record SymptomEntry(string Kind, string? Implies)
{
    public IReadOnlyList<string> Phrases { get; init; } = [];
}

/// <summary>
/// The words the description engine understands (embedded <c>lexicon.json</c>) together with the systems
/// catalogue, compiled into one <see cref="PhraseIndex"/>. Built once per catalogue; immutable and shared.
/// </summary>
internal sealed partial class DescriptionLexicon
{
    private DescriptionLexicon(LexiconFile file, SystemsCatalogue catalogue)
    {
        Catalogue = catalogue;
        Verbs = file.Verbs;
        Symptoms = file.Symptoms;
        NoneAnswers = new HashSet<string>(file.NoneAnswers, StringComparer.OrdinalIgnoreCase);
        UnknownAnswers = new HashSet<string>(file.UnknownAnswers, StringComparer.OrdinalIgnoreCase);
        ErrorWords = file.ErrorWords;
        PostNegations = file.PostNegations;
        UnquotedErrorCues = file.UnquotedErrorCues;
        UnknownSystemBoundaries = file.UnknownSystemBoundaries;
        GenericSystemNames = new HashSet<string>(file.GenericSystemNames, StringComparer.OrdinalIgnoreCase);
        NoErrorStatements = file.NoErrorStatements;
        _statusWords = new HashSet<string>(file.StatusWords, StringComparer.OrdinalIgnoreCase);
        VerbsByKey = file.Verbs.ToDictionary(verb => verb.Key);
        Index = new PhraseIndex(Phrases(file, catalogue));
    }

    public static DescriptionLexicon Default { get; } = Create(SystemsCatalogue.Default);

    public SystemsCatalogue Catalogue { get; }
    public IReadOnlyList<VerbEntry> Verbs { get; }
    public IReadOnlyDictionary<string, VerbEntry> VerbsByKey { get; }
    public IReadOnlyList<SymptomEntry> Symptoms { get; }
    public IReadOnlySet<string> NoneAnswers { get; }
    public IReadOnlySet<string> UnknownAnswers { get; }
    public IReadOnlyList<string> ErrorWords { get; }

    /// <summary>Chinese negations after the verb: 审批不了, 登不上, 进不去.</summary>
    public IReadOnlyList<string> PostNegations { get; }

    /// <summary>Cues after which an unquoted error message follows: 提示密码错误.</summary>
    public IReadOnlyList<string> UnquotedErrorCues { get; }
    public IReadOnlyList<string> UnknownSystemBoundaries { get; }
    public IReadOnlySet<string> GenericSystemNames { get; }

    /// <summary>"no error shown", 「没有报错」: the reporter has already answered the error-code question.</summary>
    public IReadOnlyList<string> NoErrorStatements { get; }

    private readonly HashSet<string> _statusWords;

    /// <summary>
    /// A state a system shows when nothing failed ('Connected', 'Away', 「审批中」) or while it works ('Connecting...',
    /// 'Processing', 「正在连接」, 「加载中」): quoted, it is no error message. A progress state shown for too long is
    /// the symptom; what failed, if anything, has not been said yet.
    /// </summary>
    public bool IsStatus(string quoted)
    {
        var state = quoted.Trim().TrimEnd('.', '…', '!', '。');
        return _statusWords.Contains(state) || ProgressState().IsMatch(state);
    }

    // 「正在验证」, 「处理中」, "Connecting", "Searching for source": a verb of work in progress and at most its object;
    // what the screen adds in brackets is still the state ("Calculating (4 threads)").
    [GeneratedRegex(@"^(?:正在\p{IsCJKUnifiedIdeographs}{1,6}|\p{IsCJKUnifiedIdeographs}{1,3}中|(?:please\s+wait,?\s+)?(?:connecting|processing|loading|searching|authenticating|verifying|updating|printing|syncing|signing\s+in|initializing|preparing|waiting|calculating|saving|installing|downloading|uploading|exporting|importing)(?:\s+for\s+\w+|\s+to\s+\w+)?)(?:\s{0,2}[(（][^()（）]{1,30}[)）])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProgressState();
    public PhraseIndex Index { get; }

    public static DescriptionLexicon Create(SystemsCatalogue catalogue)
    {
        using var stream = EmbeddedData.Open("lexicon.json");
        var file = JsonSerializer.Deserialize<LexiconFile>(stream, EmbeddedData.JsonOptions)
            ?? throw new InvalidOperationException("lexicon.json is empty.");
        return new DescriptionLexicon(file, catalogue);
    }

    private static IEnumerable<(string, PhraseKind, int)> Phrases(LexiconFile file, SystemsCatalogue catalogue)
    {
        for (var i = 0; i < catalogue.Entries.Count; i++)
        {
            var entry = catalogue.Entries[i];
            foreach (var alias in entry.Aliases.Append(entry.Name))
            {
                yield return (alias, PhraseKind.System, i);
            }
        }

        for (var i = 0; i < file.Verbs.Count; i++)
        {
            foreach (var phrase in file.Verbs[i].Phrases)
            {
                yield return (phrase, PhraseKind.Verb, i);
            }

            foreach (var noun in file.Verbs[i].Nouns)
            {
                yield return (noun, PhraseKind.VerbNoun, i);
            }

            foreach (var phrase in file.Verbs[i].NegatedOnly)
            {
                yield return (phrase, PhraseKind.NegatedOnlyVerb, i);
            }
        }

        for (var i = 0; i < file.Symptoms.Count; i++)
        {
            foreach (var phrase in file.Symptoms[i].Phrases)
            {
                yield return (phrase, PhraseKind.Symptom, i);
            }
        }

        foreach (var (words, kind) in new (IReadOnlyList<string>, PhraseKind)[]
        {
            (file.VagueVerbs, PhraseKind.VagueVerb),
            (file.Products, PhraseKind.Product),
            (file.VagueSymptoms, PhraseKind.VagueSymptom),
            (file.Negations, PhraseKind.Negation),
            (file.ElementNouns, PhraseKind.ElementNoun),
            (file.ErrorCues, PhraseKind.ErrorCue),
            (file.Frequency, PhraseKind.Frequency),
            (file.Scope, PhraseKind.Scope),
            (file.ActionStops, PhraseKind.ActionStop),
            (file.ContextMarkers, PhraseKind.ContextMarker),
            (file.NominalStops, PhraseKind.NominalStop),
            (file.UnknownSystemSuffixes, PhraseKind.UnknownSystemSuffix),
        })
        {
            foreach (var word in words)
            {
                yield return (word, kind, -1);
            }
        }
    }

    private sealed record LexiconFile(
        IReadOnlyList<VerbEntry> Verbs,
        IReadOnlyList<string> VagueVerbs,
        IReadOnlyList<SymptomEntry> Symptoms,
        IReadOnlyList<string> VagueSymptoms,
        IReadOnlyList<string> Negations,
        IReadOnlyList<string> ElementNouns,
        IReadOnlyList<string> ErrorCues,
        IReadOnlyList<string> ErrorWords,
        IReadOnlyList<string> Frequency,
        IReadOnlyList<string> Scope,
        IReadOnlyList<string> ActionStops,
        IReadOnlyList<string> ContextMarkers,
        IReadOnlyList<string> NominalStops,
        IReadOnlyList<string> UnknownSystemSuffixes,
        IReadOnlyList<string> UnknownSystemBoundaries,
        IReadOnlyList<string> GenericSystemNames,
        IReadOnlyList<string> NoneAnswers,
        IReadOnlyList<string> UnknownAnswers,
        IReadOnlyList<string> PostNegations,
        IReadOnlyList<string> UnquotedErrorCues,
        IReadOnlyList<string> Products,
        IReadOnlyList<string> NoErrorStatements,
        IReadOnlyList<string> StatusWords);
}
