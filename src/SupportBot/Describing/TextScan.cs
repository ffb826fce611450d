using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>A quoted span: <see cref="Open"/> and <see cref="Close"/> are the positions of the quote marks.</summary>
internal readonly record struct Quote(int Open, int Close)
{
    public int InnerStart => Open + 1;
    public int InnerLength => Close - Open - 1;
    public bool Contains(int position) => position > Open && position < Close;
}

/// <summary>
/// A reporter's text prepared once for every slot reader: NFKC-normalised (full-width letters and
/// punctuation become ASCII, so "ＯＡ，" reads like "OA,"), lower-cased for matching, with its lexicon
/// matches and quoted spans. Positions in <see cref="Text"/> and <see cref="Lower"/> coincide.
/// </summary>
internal sealed partial class TextScan
{
    private static readonly PhraseKind[] Breaks =
    [
        PhraseKind.ActionStop, PhraseKind.Symptom, PhraseKind.VagueSymptom, PhraseKind.ErrorCue, PhraseKind.Negation,
        PhraseKind.Frequency, PhraseKind.Scope, PhraseKind.ContextMarker,
    ];

    private readonly bool[] _breakAt;

    public TextScan(string text, DescriptionLexicon lexicon)
    {
        var normalized = Localization.UnicodeText.NormalizeKc(text);

        // Pasted HTML is read as its text: tags say nothing about the problem.
        Text = normalized.Contains('<', StringComparison.Ordinal) ? MarkupTag().Replace(normalized, " ") : normalized;
        Lower = Text.ToLowerInvariant();
        Lexicon = lexicon;
        Quotes = FindQuotes(Text);

        var matches = lexicon.Index.FindAll(Lower);
        QuotedSystems = [.. matches.Where(match => match.Kind == PhraseKind.System && InQuote(match.Start))];
        matches.RemoveAll(match => InQuote(match.Start));

        // A verb inside a system's or product's name, a symptom or an element is not the action: 打印 in 打印机, 扫码 in
        // 扫码枪, access in "access denied", 按 in 按钮.
        var containers = matches.Where(match => match.Kind is PhraseKind.System or PhraseKind.Product or PhraseKind.Symptom or PhraseKind.ElementNoun).ToArray();
        matches.RemoveAll(match => match.Kind is PhraseKind.Verb or PhraseKind.VerbNoun or PhraseKind.VagueVerb or PhraseKind.NegatedOnlyVerb
            && containers.Any(container => container.Start <= match.Start && match.End <= container.End));
        Matches = matches;

        _breakAt = new bool[Text.Length + 1];
        foreach (var match in Matches)
        {
            if (Array.IndexOf(Breaks, match.Kind) >= 0)
            {
                _breakAt[match.Start] = true;
            }
        }
    }

    public string Text { get; }
    public string Lower { get; }
    public DescriptionLexicon Lexicon { get; }
    public IReadOnlyList<Quote> Quotes { get; }

    /// <summary>Systems named only inside quotes ('Microsoft Excel has stopped working'): the last resort for the system.</summary>
    public IReadOnlyList<PhraseMatch> QuotedSystems { get; }

    /// <summary>Lexicon matches outside quotes, by position.</summary>
    public IReadOnlyList<PhraseMatch> Matches { get; }

    public bool InQuote(int position)
    {
        foreach (var quote in Quotes)
        {
            if (quote.Contains(position))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<PhraseMatch> Of(PhraseKind kind) => Matches.Where(match => match.Kind == kind);

    public bool Any(PhraseKind kind, int start, int end) => Matches.Any(match => match.Kind == kind && match.Overlaps(start, end));

    /// <summary>A match of <paramref name="kind"/> ending at <paramref name="position"/>, allowing spaces between.</summary>
    public PhraseMatch? EndingAt(PhraseKind kind, int position)
    {
        while (position > 0 && Text[position - 1] == ' ')
        {
            position--;
        }

        foreach (var match in Matches)
        {
            if (match.Kind == kind && match.End == position)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>Whether a verb's object ends here: a stop word, a symptom, an error cue and the like begin at this position.</summary>
    public bool BreaksAt(int position) => _breakAt[position];

    public string Slice(int start, int end) => Text[start..end].Trim();

    /// <summary>Drops trailing particles (了, 的, 过, 着) but keeps the 了 of 不了 / 没了, which carries the meaning.</summary>
    public static string TrimParticles(string text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] is '了' or '的' or '过' or '着' or ' ' && !(text[end - 1] == '了' && end > 1 && text[end - 2] is '不' or '没'))
        {
            end--;
        }

        return text[..end];
    }

    public static bool IsHan(char c) => c is >= '\u3400' and <= '\u9fff';

    public static bool IsClausePunctuation(char c) => c is ',' or '.' or ';' or '!' or '?' or ':' or '。' or '、' or '\n' or '\r' or '(' or ')' or '~';

    [GeneratedRegex(@"</?[A-Za-z][^<>]{0,200}>")]
    private static partial Regex MarkupTag();

    private static List<Quote> FindQuotes(string text)
    {
        var quotes = new List<Quote>();
        for (var i = 0; i < text.Length; i++)
        {
            var closing = ClosingFor(text, i);
            if (closing == '\0')
            {
                continue;
            }

            var limit = Math.Min(text.Length, i + 160);
            for (var j = i + 2; j < limit; j++)
            {
                if (text[j] == closing && IsClosingAt(text, j))
                {
                    quotes.Add(new Quote(i, j));
                    i = j;
                    break;
                }

                if (text[j] is '\n' or '\r')
                {
                    break;
                }
            }
        }

        return quotes;
    }

    private static char ClosingFor(string text, int i) => text[i] switch
    {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        // An ASCII quote opens only after a non-letter, so apostrophes ("can't", "users'") are not quotes.
        '\'' or '"' when (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])) && i + 1 < text.Length && text[i + 1] != ' ' => text[i],
        _ => '\0',
    };

    private static bool IsClosingAt(string text, int j) =>
        text[j] is not ('\'' or '"') || j + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[j + 1]);
}
