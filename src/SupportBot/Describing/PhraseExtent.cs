namespace SupportBot.Describing;

/// <summary>
/// Where the words of an action or a symptom end: a verb's object runs to punctuation, a stop word, a symptom or a
/// cue, or a few words; a nominal verb takes the modifiers before it. Shared by the action and symptom readers.
/// </summary>
internal static class PhraseExtent
{
    private const int MaxObjectWords = 6;
    private const int MaxObjectHanChars = 12;

    /// <summary>
    /// A Chinese symptom that takes an object keeps it: 「听不到我这边声音」, 「看不到具体会议内容」, 「全变成“错误!未定义书签。”」
    /// rather than a bare 「听不到」. A symptom that ends its clause (「没反应」, 「卡死」) is unchanged.
    /// </summary>
    public static int ChineseObjectEnd(TextScan scan, PhraseMatch symptom)
    {
        const int MaxObject = 10;
        if (!TextScan.IsHan(scan.Text[symptom.Start]) || symptom.End >= scan.Text.Length
            // 「差了8个小时」: an amount in digits belongs to the symptom as one in characters does (「差了三万多」).
            || !(TextScan.IsHan(scan.Text[symptom.End]) || char.IsAsciiDigit(scan.Text[symptom.End]) || scan.Quotes.Any(quote => quote.Open == symptom.End)))
        {
            return symptom.End;
        }

        var end = ObjectEnd(scan, symptom.End);

        // 时 ends a clause as "when" (「导出时」) but not inside 小时 ("hours"): 「差了8个小时」 keeps its unit.
        if (end > 0 && end < scan.Text.Length && scan.Text[end] == '时' && scan.Text[end - 1] == '小')
        {
            end++;
        }

        return end - symptom.End <= MaxObject || scan.Quotes.Any(quote => quote.Open == symptom.End) ? end : symptom.End;
    }

    public static int SkipSpaces(TextScan scan, int position)
    {
        while (position < scan.Text.Length && scan.Text[position] == ' ')
        {
            position++;
        }

        return position;
    }

    /// <summary>Where a verb's object ends: at punctuation, a stop word, a symptom or cue, or after a few words.</summary>
    public static int ObjectEnd(TextScan scan, int from)
    {
        var text = scan.Text;
        var end = from;
        var words = 0;
        var i = from;
        while (i < text.Length)
        {
            i = SkipSpaces(scan, i);
            if (i >= text.Length || TextScan.IsClausePunctuation(text[i]) || scan.BreaksAt(i))
            {
                break;
            }

            if (scan.Quotes.FirstOrDefault(quote => quote.Open == i) is { Close: > 0 } quote)
            {
                i = end = quote.Close + 1;
            }
            else if (TextScan.IsHan(text[i]))
            {
                if (end - from >= MaxObjectHanChars)
                {
                    break;
                }

                i = end = i + 1;
            }
            else
            {
                var wordEnd = i;
                while (wordEnd < text.Length && text[wordEnd] != ' ' && !TextScan.IsHan(text[wordEnd]) && !TextScan.IsClausePunctuation(text[wordEnd]))
                {
                    wordEnd++;
                }

                if (++words > MaxObjectWords)
                {
                    break;
                }

                i = end = wordEnd;
            }
        }

        return end;
    }

    /// <summary>The words before a nominal verb that belong to it: "Month-end report generation".</summary>
    public static int ModifiersStart(TextScan scan, int nounStart)
    {
        var start = nounStart;
        for (var words = 0; words < 3; words++)
        {
            var wordEnd = start;
            while (wordEnd > 0 && scan.Text[wordEnd - 1] == ' ')
            {
                wordEnd--;
            }

            var wordStart = wordEnd;
            while (wordStart > 0 && (char.IsAsciiLetterOrDigit(scan.Text[wordStart - 1]) || scan.Text[wordStart - 1] is '-' or '\''))
            {
                wordStart--;
            }

            // "no sound during Teams calls": a moment's marker or a symptom ends the modifiers; they are not the action's.
            if (wordStart == wordEnd || scan.Matches.Any(match => match.Start == wordStart && match.Kind is PhraseKind.NominalStop or PhraseKind.ActionStop or PhraseKind.Verb or PhraseKind.Negation)
                || scan.Matches.Any(match => match.Kind is PhraseKind.ContextMarker or PhraseKind.Symptom or PhraseKind.VagueSymptom && match.Start < wordEnd && match.End > wordStart))
            {
                break;
            }

            start = wordStart;
        }

        return start;
    }
}
