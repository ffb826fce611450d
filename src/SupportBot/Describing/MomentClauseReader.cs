using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>
/// The moment a reporter marked by grammar alone, when the lexicon knows none of its verbs: "when pushing to the
/// monorepo", "every time I undock the laptop", "when it goes to sleep", 「把商机转给同事的时候」, 「点「同意」」. The marker
/// says that what follows (or, in Chinese, what comes before 的时候) is what was being done, as 「一X就Y」 does; a lexicon
/// can never list every verb a reporter uses. Read only when no verb of the lexicon gave the action.
/// </summary>
internal static partial class MomentClauseReader
{
    private const int MaxEnglishWords = 6;
    private const int MaxChineseChars = 12;

    // Markers of the moment in English; "during" names a noun ("during the meeting"), which the lexicon reads already.
    [GeneratedRegex(@"(?<![A-Za-z])(?:when(?:ever)?|while|every\s{1,3}time|each\s{1,3}time)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMarker();

    // "when someone has a sec", "when u can", "whenever possible", "for a while": when help may come, or a stretch of time.
    [GeneratedRegex(@"^\w+(?:\s{1,3}time)?\s{1,3}(?:some(?:one|body)|any(?:one|body)|you|u|ur|your|possible|convenient|free|able|ready)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAMoment();

    // A click on a label the reporter quoted (「点「同意」没反应」, "clicking 'Submit'"): the label is the button pressed.
    [GeneratedRegex(@"(?:点击|单击|点一下|点了|点|按了|按|(?<![A-Za-z])(?:click(?:ed|ing)?|press(?:ed|ing)?|hit(?:ting)?|tap(?:ped|ping)?)(?:\s{1,3}on)?)\s{0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClickBefore();

    public static ActionMention? Read(TextScan scan, SymptomMention? symptom, ErrorText? error) =>
        ClickedLabel(scan, error) ?? English(scan, symptom, error) ?? Chinese(scan, error);

    private static ActionMention? ClickedLabel(TextScan scan, ErrorText? error)
    {
        foreach (var quote in scan.Quotes)
        {
            if (quote.InnerLength is > 0 and <= 20 && !(error is not null && error.Start <= quote.InnerStart && quote.InnerStart < error.End)
                && ClickBefore().Match(scan.Text, 0, quote.Open) is { Success: true } click
                && !(click.Index > 0 && (char.IsAsciiDigit(scan.Text[click.Index - 1]) || scan.Text[click.Index - 1] == '一')))
            {
                return new ActionMention(scan.Slice(click.Index, quote.Close + 1), InSymptom: false, click.Index, quote.Close + 1, ByGrammar: true);
            }
        }

        return null;
    }

    /// <summary>"when pushing to the monorepo", "every time I undock the laptop": the words after the marker, to the clause's end.</summary>
    private static ActionMention? English(TextScan scan, SymptomMention? symptom, ErrorText? error)
    {
        foreach (Match marker in EnglishMarker().Matches(scan.Text))
        {
            if (NotAMoment().IsMatch(scan.Text[marker.Index..]) || marker.Index >= 2 && scan.Lower.AsSpan(0, marker.Index).TrimEnd(' ').EndsWith(" a", StringComparison.Ordinal))
            {
                continue;
            }

            var start = PhraseExtent.SkipSpaces(scan, marker.Index + marker.Length);
            var limit = new[] { scan.Text.Length, Before(symptom?.Start, start), Before(error?.Start, start) }.Min();
            var end = start;
            var words = 0;
            while (end < limit && words < MaxEnglishWords)
            {
                var next = end;
                while (next < limit && (char.IsAsciiLetterOrDigit(scan.Text[next]) || scan.Text[next] is '\'' or '-'))
                {
                    next++;
                }

                if (next == end)
                {
                    break;
                }

                words++;
                end = next;
                if (end >= limit || scan.Text[end] != ' ')
                {
                    break;
                }

                end = PhraseExtent.SkipSpaces(scan, end);
            }

            end = end > start && scan.Text[end - 1] == ' ' ? end - 1 : end;
            var clause = scan.Slice(start, end);

            // "when I" with nothing after it, or a question ("when will it be fixed?"), is no moment.
            if (words >= 2 || (words == 1 && !clause.Equals("I", StringComparison.OrdinalIgnoreCase) && clause.EndsWith("ing", StringComparison.OrdinalIgnoreCase)))
            {
                if (!(end < scan.Text.Length && scan.Text[end] == '?') && !clause.StartsWith("will ", StringComparison.OrdinalIgnoreCase))
                {
                    return new ActionMention(clause, InSymptom: false, start, end, ByGrammar: true);
                }
            }
        }

        return null;
    }

    private static int Before(int? position, int start) => position is { } at && at > start ? at : int.MaxValue;

    /// <summary>「CRM里把商机转给同事的时候报…」: the clause before 的时候, after the system and its 里/上/在.</summary>
    private static ActionMention? Chinese(TextScan scan, ErrorText? error)
    {
        var text = scan.Text;
        for (var at = text.IndexOf("的时候", StringComparison.Ordinal); at > 0; at = text.IndexOf("的时候", at + 1, StringComparison.Ordinal))
        {
            var start = at;
            while (start > 0 && at - start < MaxChineseChars && !TextScan.IsClausePunctuation(text[start - 1]) && !"\"'「」“”‘’".Contains(text[start - 1]))
            {
                start--;
            }

            // The system and the particle after it are where, not what: 「CRM里把商机转给同事」 is 「把商机转给同事」.
            if (scan.Matches.Where(match => match.Kind is PhraseKind.System or PhraseKind.Product && match.End > start && match.End <= at)
                .Select(match => match.End).DefaultIfEmpty(start).Max() is var afterSystem)
            {
                start = afterSystem;
            }

            while (start < at && (text[start] == ' ' || "里上在中的用".Contains(text[start])))
            {
                start++;
            }

            if (at - start >= 2 && !(error is not null && error.Start < at && start < error.End) && text[start..at].Any(TextScan.IsHan))
            {
                return new ActionMention(text[start..at].Trim(), InSymptom: false, start, at, ByGrammar: true);
            }
        }

        return null;
    }
}
