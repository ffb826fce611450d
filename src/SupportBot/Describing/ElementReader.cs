namespace SupportBot.Describing;

/// <summary>
/// Reads the element involved: a named button, page or dialog. A quoted label before the noun
/// ("'审批'按钮", "'Approve' button") or the words just before it ("Approve button", "订单列表") name it;
/// a bare "the button" names nothing. Nouns inside a symptom ("blue screen") are not elements.
/// </summary>
internal static class ElementReader
{
    private const int MaxHanLabel = 4;

    public static string? Read(TextScan scan)
    {
        foreach (var noun in scan.Of(PhraseKind.ElementNoun))
        {
            if (scan.Matches.Any(match => match.Kind is PhraseKind.Symptom or PhraseKind.VagueSymptom && match.Overlaps(noun.Start, noun.End)))
            {
                continue;
            }

            var labelStart = LabelStart(scan, noun.Start);
            if (labelStart < noun.Start)
            {
                return scan.Slice(labelStart, noun.End);
            }
        }

        // A quoted label after a click: "点击'提交'", "click 'Submit'".
        foreach (var quote in scan.Quotes)
        {
            if (ErrorTextReader.IsElementLabel(scan, quote))
            {
                return scan.Slice(quote.Open, quote.Close + 1);
            }
        }

        return null;
    }

    private static int LabelStart(TextScan scan, int nounStart)
    {
        var end = nounStart;
        while (end > 0 && scan.Text[end - 1] == ' ')
        {
            end--;
        }

        if (end == 0)
        {
            return nounStart;
        }

        if (scan.Quotes.FirstOrDefault(quote => quote.Close == end - 1) is { Close: > 0 } quoted)
        {
            return quoted.Open;
        }

        if (TextScan.IsHan(scan.Text[end - 1]))
        {
            // A button is most often named by what it does: 「审批按钮」, 「提交按钮」.
            if (scan.Matches.FirstOrDefault(match => match.End == end && match.Kind == PhraseKind.Verb && match.Length <= MaxHanLabel) is { Length: > 0 } verb)
            {
                return verb.Start;
            }

            var start = end;
            while (start > 0 && end - start < MaxHanLabel && TextScan.IsHan(scan.Text[start - 1]) && !EndsAMatch(scan, start))
            {
                start--;
            }

            return start == end ? nounStart : start;
        }

        // English: up to two words, stopping at determiners, verbs and other function words.
        var labelStart = nounStart;
        var cursor = end;
        for (var words = 0; words < 2; words++)
        {
            var wordStart = cursor;
            while (wordStart > 0 && (char.IsAsciiLetterOrDigit(scan.Text[wordStart - 1]) || scan.Text[wordStart - 1] is '-' or '_'))
            {
                wordStart--;
            }

            // A capitalised word is a label even when it is also a verb ("the Approve button"), and so is a verb right
            // after "the" ("the approve button"): nobody writes "the approve" for the act of approving.
            if (wordStart == cursor || FunctionWords.Contains(scan.Text[wordStart..cursor]) || (!char.IsUpper(scan.Text[wordStart]) && !AfterThe(scan, wordStart)
                && scan.Matches.Any(match => match.Start == wordStart && match.Kind is not (PhraseKind.System or PhraseKind.VerbNoun))))
            {
                break;
            }

            labelStart = wordStart;
            cursor = wordStart;
            while (cursor > 0 && scan.Text[cursor - 1] == ' ')
            {
                cursor--;
            }
        }

        return labelStart;
    }

    // A determiner or a negation before the noun names no element: "no link light" is no "no link", "my link" no "my".
    private static readonly HashSet<string> FunctionWords = new(["no", "not", "any", "my", "our", "your", "his", "her", "their", "this", "that", "every", "each", "some"], StringComparer.OrdinalIgnoreCase);

    private static bool AfterThe(TextScan scan, int wordStart) =>
        wordStart >= 4 && string.Compare(scan.Text, wordStart - 4, "the ", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Whether a lexicon match (a verb, a stop word, a system) ends here, which bounds a Chinese label.</summary>
    private static bool EndsAMatch(TextScan scan, int position) =>
        scan.Matches.Any(match => match.End == position && match.Kind is not (PhraseKind.ElementNoun or PhraseKind.UnknownSystemSuffix));
}
