namespace SupportBot.Describing;

/// <summary>The 「一X就Y」 construction: the moment a fault follows, whatever its verb.</summary>
internal static partial class ActionSymptomReader
{
    /// <summary>
    /// 「一插扩展坞就蓝屏」, 「一开Teams会议就掉线」, 「一点提交就报错」: what stands between 一 and 就 is the moment the fault
    /// follows, whether or not the lexicon knows its verb. 一 that starts a word of its own (一直, 一下, 一会儿, 一个) or ends
    /// one (第一, 统一, 万一) is not this construction, unless a verb follows it.
    /// </summary>
    private static ActionMention? AsSoonAs(TextScan scan)
    {
        const int MaxActionChars = 10;
        var text = scan.Text;
        for (var yi = text.IndexOf('一', StringComparison.Ordinal); yi >= 0 && yi + 2 < text.Length; yi = text.IndexOf('一', yi + 1))
        {
            var start = yi + 1;
            // 一 before a verb of the lexicon is the construction even where its first character also makes a word with 一:
            // 「一共享屏幕就崩」 is not 一共 ("in all"), 「一下载就报错」 not 一下.
            var verbFollows = scan.Matches.Any(verb => verb.Kind is PhraseKind.Verb or PhraseKind.VerbNoun && verb.Start == start);
            if ((NotAsSoonAsAfter.Contains(text[start]) && !verbFollows) || (yi > 0 && (NotAsSoonAsBefore.Contains(text[yi - 1]) || char.IsAsciiDigit(text[yi - 1])))
                || !(TextScan.IsHan(text[start]) || char.IsAsciiLetter(text[start])))
            {
                continue;
            }

            var then = text.IndexOf('就', start + 1);
            if (then > start && Units(text.AsSpan(start, then - start)) <= MaxActionChars && !text[start..then].Any(TextScan.IsClausePunctuation))
            {
                // The clause keeps its 一 (「一插扩展坞就蓝屏」); the action is what was done.
                return new ActionMention(text[start..then].Trim(), InSymptom: false, yi, then);
            }
        }

        return null;
    }

    /// <summary>
    /// The length of a clause in what a reader counts: a Chinese character or a whole English word ("一点Outlook里的日历就闪退"
    /// is six, not thirteen), so a product named in English does not push the clause past the limit.
    /// </summary>
    private static int Units(ReadOnlySpan<char> clause)
    {
        var units = 0;
        for (var i = 0; i < clause.Length; i++)
        {
            if (char.IsAsciiLetter(clause[i]))
            {
                while (i + 1 < clause.Length && char.IsAsciiLetterOrDigit(clause[i + 1]))
                {
                    i++;
                }
            }
            else if (clause[i] == ' ')
            {
                continue;
            }

            units++;
        }

        return units;
    }

    private const string NotAsSoonAsAfter = "直下个些样起会阵段天次般定共半边切旦瞬模致并再二三四五六七八九十台张份条封把本页位名家件项周月年秒分小";
    private const string NotAsSoonAsBefore = "第唯统万之十同单专逐";
}
