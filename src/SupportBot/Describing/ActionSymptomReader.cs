using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>
/// What the reporter was doing, where the text says it. <see cref="InSymptom"/> is set when the symptom
/// already says it ("无法查看订单列表", "收不到外部邮件"), so the composer does not say it twice. <see cref="ByGrammar"/> is set
/// when only the grammar marked it (<see cref="MomentClauseReader"/>): no verb of the lexicon says which system's function it is.
/// <see cref="SignIn"/> is set when the action is signing in, which every system has, so it names none of them.
/// </summary>
internal sealed record ActionMention(string Text, bool InSymptom, int Start = -1, int End = -1, bool ByGrammar = false, bool SignIn = false);

internal sealed record SymptomMention(string Text, string Kind, int Start = -1, int End = -1);

/// <summary>
/// Reads the action and the symptom together, because Chinese and English often say both in one phrase:
/// a negated verb ("can't see the order list", "无法查看", "审批不了"), or a symptom that presupposes its
/// action ("收不到外部邮件" is about receiving, "卡纸" about printing). Otherwise the action is the verb the
/// reporter marked as the moment ("when approving", "添加客户信息时"), else the verb just before the symptom;
/// the symptom is the earliest specific one. Vague words ("不好用", "doesn't work", "用") never count.
/// </summary>
internal static partial class ActionSymptomReader
{
    private static readonly string[] NegationGaps = ["", "to", "even", "properly", "successfully", "正常", "成功", "顺利"];
    private static readonly string[] MomentSuffixes = ["时", "的时候", "时候", "的时"];

    [GeneratedRegex(@"(?<![A-Za-z])(?:takes?|took|taking|loads? for|waited?|waiting)\s{1,3}(?:about\s{1,3}|over\s{1,3}|more than\s{1,3}|almost\s{1,3}|nearly\s{1,3})?(?:\d{1,6}|an?|one|a few|several)\s{0,3}(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)|(?:要|需要|得)?等(?:了)?\s{0,3}(?:将近|快|大概|差不多)?\s{0,3}\d{1,6}\s{0,3}(?:多)?(?:秒|分钟|分|个?小时)|(?:花了?|用了|耗时)\s{0,3}\d{1,6}\s{0,3}(?:多)?(?:秒|分钟|个?小时)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SlowByDuration();

    public static (ActionMention? Action, SymptomMention? Symptom) Read(TextScan scan, ErrorText? error)
    {
        var verbs = Verbs(scan, error);

        // A phrase that says both wins: the action and the symptom are then one and the same.
        var both = Negated(scan, verbs).Concat(Implied(scan)).OrderBy(found => found.Symptom.Start).ToList();
        if (both.FirstOrDefault(found => found.HasObject || verbs.Count == 0) is { Action: { } action } pair)
        {
            return (action, pair.Symptom);
        }

        var symptom = Symptoms(scan, error).Concat(both.Select(found => found.Symptom)).MinBy(found => found.Start)
            ?? (error is null ? null : new SymptomMention("", "errorShown", error.Start, error.End))
            ?? StatusShown(scan);
        symptom = WithStatus(scan, symptom);
        var moment = MomentVerb(scan, verbs) ?? AsSoonAs(scan) ?? VerbNearest(scan, verbs, symptom?.Start ?? scan.Text.Length);

        // A session that ends by itself is followed by what it costs (「五分钟就得重新登录一次」), not by what was being done.
        if (symptom is { Kind: "sessionEnds" } && moment is { Start: var at } && at > symptom.Start)
        {
            moment = null;
        }

        if (moment is null && both.Count > 0)
        {
            return (both[0].Action, both[0].Symptom);
        }

        // No verb the lexicon knows: the moment the reporter marked by grammar alone ("when pushing to the monorepo").
        return (moment ?? MomentClauseReader.Read(scan, symptom, error), symptom);
    }

    /// <summary>Verbs that can be the action: not a quoted or pasted error's words, not a button's label ("Submit button").</summary>
    private static List<PhraseMatch> Verbs(TextScan scan, ErrorText? error) =>
    [
        .. scan.Matches.Where(match => match.Kind is PhraseKind.Verb or PhraseKind.VerbNoun
            && !(error is not null && match.Overlaps(error.Start, error.End))
            && !InsideLonger(scan, match) && !NotDone(scan, match) && !NamesAPlace(scan, match)
            && !scan.Matches.Any(noun => noun.Kind == PhraseKind.ElementNoun && noun.Start == PhraseExtent.SkipSpaces(scan, match.End) && char.IsUpper(scan.Text[match.Start])
                || noun.Kind == PhraseKind.ElementNoun && noun.Start == match.End && TextScan.IsHan(scan.Text[match.Start]))),
    ];

    /// <summary>"the meeting room", "the training rooms": a nominal verb before a place noun names the place, not what was done.</summary>
    private static bool NamesAPlace(TextScan scan, PhraseMatch verb) =>
        verb.Kind == PhraseKind.VerbNoun && PlaceNouns.Any(place => scan.Lower.AsSpan(verb.End).TrimStart(' ').StartsWith(place, StringComparison.Ordinal));

    private static readonly string[] PlaceNouns = ["room", "hall", "area", "centre", "center"];

    /// <summary>
    /// A verb inside a longer vague phrase or symptom is not the action: "someone to look at", "making a weird noise",
    /// 「帮忙check一下」 ask for help or describe the symptom.
    /// </summary>
    private static bool InsideLonger(TextScan scan, PhraseMatch verb) =>
        scan.Matches.Any(other => other.Kind is PhraseKind.VagueVerb or PhraseKind.VagueSymptom or PhraseKind.Symptom
            && other.Length > verb.Length && other.Start <= verb.Start && other.End >= verb.End);

    /// <summary>
    /// 「最近也没装什么新东西」: what the reporter did not do is context, not the action; nor is a department (采购部), nor
    /// 「8点」, which is a time, not a click.
    /// </summary>
    private static bool NotDone(TextScan scan, PhraseMatch verb) =>
        TextScan.IsHan(scan.Text[verb.Start]) && ((verb.Start > 0 && (scan.Text[verb.Start - 1] == '没' || (verb.Start > 1 && scan.Text.AsSpan(verb.Start - 2, 2) is "没有")))
            || (verb.End < scan.Text.Length && scan.Text[verb.End] == '部')
            || (scan.Text[verb.Start] == '点' && verb.Start > 0 && (char.IsAsciiDigit(scan.Text[verb.Start - 1]) || "一二两三四五六七八九十".Contains(scan.Text[verb.Start - 1]))));

    /// <summary>"can't see the order list", "无法查看订单列表", "审批不了": the verb is the action, the phrase the symptom.</summary>
    private static IEnumerable<(ActionMention? Action, SymptomMention Symptom, bool HasObject)> Negated(TextScan scan, List<PhraseMatch> verbs)
    {
        foreach (var negation in scan.Of(PhraseKind.Negation))
        {
            var verb = scan.Matches.FirstOrDefault(match => match.Start >= negation.End
                && match.Kind is PhraseKind.Verb or PhraseKind.NegatedOnlyVerb
                && NegationGaps.Contains(scan.Lower[negation.End..match.Start].Trim()));
            if (verb.Length > 0)
            {
                var end = PhraseExtent.ObjectEnd(scan, verb.End);
                yield return (new ActionMention(scan.Slice(verb.Start, end), InSymptom: true, verb.Start, end),
                    new SymptomMention(scan.Slice(negation.Start, end), "failed", negation.Start, end), HasObject: true);
            }
        }

        foreach (var verb in verbs.Where(verb => verb.Kind == PhraseKind.Verb))
        {
            if (scan.Lexicon.PostNegations.FirstOrDefault(negation => string.CompareOrdinal(scan.Lower, verb.End, negation, 0, negation.Length) == 0) is { } post)
            {
                var end = PhraseExtent.ObjectEnd(scan, verb.End + post.Length);
                var target = TextScan.TrimParticles(scan.Slice(verb.End + post.Length, end));
                yield return (new ActionMention(scan.Slice(verb.Start, verb.End) + target, InSymptom: true, verb.Start, end),
                    new SymptomMention(TextScan.TrimParticles(scan.Slice(verb.Start, end)), "failed", verb.Start, end), HasObject: true);
            }
        }
    }

    /// <summary>Symptoms that presuppose their action: "收不到外部邮件" → receiving external mail.</summary>
    private static IEnumerable<(ActionMention? Action, SymptomMention Symptom, bool HasObject)> Implied(TextScan scan)
    {
        foreach (var match in scan.Of(PhraseKind.Symptom))
        {
            var entry = scan.Lexicon.Symptoms[match.Entry];
            if (entry.Implies is null)
            {
                continue;
            }

            var verb = scan.Lexicon.VerbsByKey[entry.Implies];
            var end = PhraseExtent.ObjectEnd(scan, match.End);
            var target = TextScan.TrimParticles(scan.Slice(match.End, end));
            var text = TextScan.IsHan(scan.Text[match.Start]) ? verb.ZhName + target : (verb.Gerund + " " + target).Trim();
            yield return (new ActionMention(text, InSymptom: true, match.Start, end),
                new SymptomMention(TextScan.TrimParticles(scan.Slice(match.Start, end)), entry.Kind, match.Start, end), target.Length > 0);
        }
    }

    /// <summary>The verb the reporter marked as the moment: "when approving", "在…审批", "添加客户信息时".</summary>
    private static ActionMention? MomentVerb(TextScan scan, List<PhraseMatch> verbs)
    {
        foreach (var verb in verbs.Where(verb => verb.Kind == PhraseKind.Verb))
        {
            var end = PhraseExtent.ObjectEnd(scan, verb.End);
            var after = PhraseExtent.SkipSpaces(scan, end);
            if (scan.EndingAt(PhraseKind.ContextMarker, verb.Start) is not null
                || MomentSuffixes.Any(suffix => string.CompareOrdinal(scan.Lower, after, suffix, 0, suffix.Length) == 0))
            {
                return new ActionMention(TextScan.TrimParticles(scan.Slice(verb.Start, end)), InSymptom: false, verb.Start, end);
            }
        }

        return null;
    }

    /// <summary>
    /// The last verb before the symptom, which is what the reporter did just before it happened ("打开电脑,登录OA后
    /// 点击'提交'按钮没有任何反应" is about clicking); when the symptom comes first, the first verb after it.
    /// </summary>
    private static ActionMention? VerbNearest(TextScan scan, List<PhraseMatch> verbs, int symptomStart)
    {
        var chosen = verbs.LastOrDefault(verb => verb.Start < symptomStart) is { Length: > 0 } before ? before : verbs.FirstOrDefault();
        if (chosen.Length == 0)
        {
            return null;
        }

        if (chosen.Kind == PhraseKind.VerbNoun)
        {
            var start = PhraseExtent.ModifiersStart(scan, chosen.Start);
            return new ActionMention(scan.Slice(start, chosen.End), InSymptom: false, start, chosen.End);
        }

        var end = PhraseExtent.ObjectEnd(scan, chosen.End);
        return new ActionMention(TextScan.TrimParticles(scan.Slice(chosen.Start, end)), InSymptom: false, chosen.Start, end);
    }

    /// <summary>A symptom that is a state the system shows (<see cref="DescriptionFacts"/> asks no action for it).</summary>
    public const string StatusShownKind = "statusShown";

    /// <summary>
    /// "Teams status stuck on 'Away'", 「VPN一直显示'已连接'」: a state shown where another was expected is what happened, though
    /// no error; it is the symptom only when the text says nothing else happened.
    /// </summary>
    private static SymptomMention? StatusShown(TextScan scan)
    {
        foreach (var quote in scan.Quotes)
        {
            if (!scan.Lexicon.IsStatus(scan.Text.Substring(quote.InnerStart, quote.InnerLength)))
            {
                continue;
            }

            if (ErrorTextReader.CueBefore(scan, quote.Open) is { } cue)
            {
                return new SymptomMention(scan.Slice(cue.Start, quote.Close + 1), StatusShownKind, cue.Start, quote.Close + 1);
            }

            if (StateVerbBefore().Match(scan.Text, 0, quote.Open) is { Success: true } stays)
            {
                return new SymptomMention(scan.Slice(stays.Index, quote.Close + 1), StatusShownKind, stays.Index, quote.Close + 1);
            }
        }

        // 「Teams的状态一直显示离开 但我人就在电脑前」: Chinese sets a state off by the clause's end as well as by quotes.
        foreach (Match unquoted in UnquotedChineseState().Matches(scan.Text))
        {
            if (scan.Lexicon.IsStatus(unquoted.Groups["state"].Value))
            {
                return new SymptomMention(unquoted.Value, StatusShownKind, unquoted.Index, unquoted.Index + unquoted.Length);
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:一直|还|仍然?|始终|总是|状态)(?:是|为|显示)(?<state>\p{IsCJKUnifiedIdeographs}{2,4})(?=\s|$|[,.;!?。,;!?])")]
    private static partial Regex UnquotedChineseState();

    // A verb that keeps the system in a state, right before the quoted state: "shows me as 'Away'", "stays on 'Processing'",
    // "has shown 'Processing'", 「一直是「审批中」」, 「状态还是'处理中'」. 是 alone is too common; it needs 一直/还/仍/始终/状态.
    [GeneratedRegex(@"(?:(?<![A-Za-z])(?:shows?|shown|showing|says|stays?|stayed|stuck|sits?|sitting|remains?|remained)(?:\s{1,3}(?:me|it|us|him|her|them))?(?:\s{1,3}(?:as|on|at|in))?|(?:一直|还|仍然?|始终|总是|状态)(?:是|为|显示|停在|卡在)?)\s{0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StateVerbBefore();

    /// <summary>"stuck on 'Away'", 「卡在'正在连接'」: the status right after the symptom is what it is stuck on.</summary>
    private static SymptomMention? WithStatus(TextScan scan, SymptomMention? symptom) =>
        symptom is { End: >= 0 } found && scan.Quotes.FirstOrDefault(quote => quote.Open == PhraseExtent.SkipSpaces(scan, found.End)) is { InnerLength: > 0 } quote
            && scan.Lexicon.IsStatus(scan.Text.Substring(quote.InnerStart, quote.InnerLength))
            ? found with { Text = scan.Slice(found.Start, quote.Close + 1), Kind = StatusShownKind, End = quote.Close + 1 }
            : symptom;

    [GeneratedRegex(@" down (?:on|in|at|for)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DownAtAPlace();

    private static IEnumerable<SymptomMention> Symptoms(TextScan scan, ErrorText? error)
    {
        foreach (var match in scan.Of(PhraseKind.Symptom))
        {
            // "something is wrong" is vague as a whole, though "is wrong" alone would say the data is wrong.
            if (scan.Matches.Any(vague => vague.Kind == PhraseKind.VagueSymptom && vague.Length > match.Length && vague.Start <= match.Start && vague.End >= match.End))
            {
                continue;
            }

            if (scan.Lexicon.Symptoms[match.Entry] is { Implies: null } entry)
            {
                var end = PhraseExtent.ChineseObjectEnd(scan, match);
                // "is down on the 5th floor": the preposition marks the place that follows and is no part of the symptom.
                var text = DownAtAPlace().Replace(TextScan.TrimParticles(scan.Slice(match.Start, end)), " down");
                yield return new SymptomMention(text, entry.Kind, match.Start, end);
            }
        }

        foreach (Match slow in SlowByDuration().Matches(scan.Text))
        {
            yield return new SymptomMention(slow.Value.Trim(), "slow", slow.Index, slow.Index + slow.Length);
        }

        // "提示'数据格式错误'", "报错 E005": the cue and the error together say what was seen.
        if (error is not null && ErrorTextReader.CueBefore(scan, error.Start) is { } cue)
        {
            yield return new SymptomMention(scan.Slice(cue.Start, error.End), "errorShown", cue.Start, error.End);
        }
    }
}
