using System.Collections.Frozen;

namespace SupportBot.Describing;

/// <summary>What a lexicon phrase means when it is found in a reporter's text.</summary>
internal enum PhraseKind
{
    System,
    Verb,
    NegatedOnlyVerb,
    VerbNoun,
    VagueVerb,
    Symptom,
    VagueSymptom,
    Negation,
    ElementNoun,
    ErrorCue,
    Frequency,
    Scope,
    ActionStop,
    ContextMarker,
    NominalStop,
    UnknownSystemSuffix,

    /// <summary>Software and services people name that the catalogue does not route by (WPS, 钉钉, Slack): still the system.</summary>
    Product,
}

/// <summary>One occurrence of a lexicon phrase; <see cref="Entry"/> indexes the table the phrase came from.</summary>
internal readonly record struct PhraseMatch(int Start, int Length, PhraseKind Kind, int Entry)
{
    public int End => Start + Length;

    public bool Overlaps(int start, int end) => Start < end && start < End;
}

/// <summary>
/// Finds every lexicon phrase in a text in one left-to-right pass: phrases are bucketed by their first
/// character, longest first, so each position costs only the few phrases that could start there. Latin
/// phrases must sit on ASCII word boundaries ("OA" is not found in "load"); Chinese ones need none, because
/// Chinese has no spaces. Of two matches of one kind, the one inside the other is dropped ("慢" inside "特别慢").
/// </summary>
internal sealed class PhraseIndex
{
    private readonly FrozenDictionary<char, Phrase[]> _byFirstChar;

    public PhraseIndex(IEnumerable<(string Text, PhraseKind Kind, int Entry)> phrases)
    {
        _byFirstChar = phrases
            .Where(phrase => phrase.Text.Length > 0)
            .Select(phrase => new Phrase(phrase.Text.ToLowerInvariant(), phrase.Kind, phrase.Entry))
            .DistinctBy(phrase => (phrase.Text, phrase.Kind))
            .GroupBy(phrase => phrase.Text[0])
            .ToFrozenDictionary(group => group.Key, group => group.OrderByDescending(phrase => phrase.Text.Length).ToArray());
    }

    /// <param name="lower">The text, already lower-cased (invariant), so that matching is ordinal.</param>
    public List<PhraseMatch> FindAll(string lower)
    {
        var found = new List<PhraseMatch>();
        for (var i = 0; i < lower.Length; i++)
        {
            if (!_byFirstChar.TryGetValue(lower[i], out var candidates))
            {
                continue;
            }

            var kindsHere = 0u;
            foreach (var phrase in candidates)
            {
                var kindBit = 1u << (int)phrase.Kind;
                if ((kindsHere & kindBit) != 0 || !phrase.IsAt(lower, i))
                {
                    continue;
                }

                kindsHere |= kindBit;
                found.Add(new PhraseMatch(i, phrase.Text.Length, phrase.Kind, phrase.Entry));
            }
        }

        return DropContained(found);
    }

    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    private static List<PhraseMatch> DropContained(List<PhraseMatch> found)
    {
        // Matches arrive by start; within one start, longest first. A match ending no later than an earlier
        // match of its kind lies inside it.
        Span<int> reach = stackalloc int[Enum.GetValues<PhraseKind>().Length];
        var kept = new List<PhraseMatch>(found.Count);
        foreach (var match in found.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            if (match.End <= reach[(int)match.Kind])
            {
                continue;
            }

            reach[(int)match.Kind] = match.End;
            kept.Add(match);
        }

        return kept;
    }

    private sealed record Phrase(string Text, PhraseKind Kind, int Entry)
    {
        private readonly bool _latinStart = IsWordChar(Text[0]);
        private readonly bool _latinEnd = IsWordChar(Text[^1]);

        public bool IsAt(string lower, int start)
        {
            var end = start + Text.Length;
            return end <= lower.Length
                && string.CompareOrdinal(lower, start, Text, 0, Text.Length) == 0
                && !(_latinStart && start > 0 && IsWordChar(lower[start - 1]))
                && !(_latinEnd && end < lower.Length && IsWordChar(lower[end]));
        }
    }
}
