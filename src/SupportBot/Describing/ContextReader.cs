using System.Text.RegularExpressions;

namespace SupportBot.Describing;

/// <summary>When, how often and for whom the problem happens, and the version, where the text says so.</summary>
internal sealed record ProblemContext(string? Frequency, string? Scope, string? Since, string? Version);

internal static partial class ContextReader
{
    [GeneratedRegex(@"(?<![A-Za-z])(?:since|ever since)\s{1,3}[^,.;!?\n]{2,40}|(?<![A-Za-z])(?:after|following)\s+(?:the\s+|last\s+|yesterday's\s+|today's\s+)?(?:windows\s+|latest\s+|system\s+)?(?:update|upgrade|migration|patch|reinstall|password change)[^,.;!?\n]{0,30}|(?:从|自从)[^,.;!?\n。]{1,12}?(?:开始|起|以来|以后|之后|后)|(?:今天|昨天|前天|上周|早上|今早|上午|下午)[^,.;!?\n。]{0,6}?开始|(?:更新|升级|重装|改密码|换电脑|迁移)(?:之后|以后|后)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Since();

    [GeneratedRegex(@"(?<![A-Za-z])on\s{1,3}(?:the\s{1,3})?(?:\d{1,4}(?:st|nd|rd|th)\s{1,3}floor|floor\s{1,3}\d{1,4})|(?<![A-Za-z])in\s{1,3}(?:the\s{1,3})?(?:meeting\s{1,3})?room\s{1,3}[\w-]{1,30}|(?<![A-Za-z])only\s{1,3}(?:for|when|with|on|in|from|if)\s{1,3}[^,.;!?\n]{2,40}|(?<!\d)\d{1,4}\s{0,3}(?:楼|层)|(?<![A-Za-z0-9])[A-Za-z0-9]{1,20}号?会议室|(?:仅|只有|只在|只是)[^,.;!?\n。]{2,15}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scope();

    [GeneratedRegex(@"(?<![A-Za-z])every\s{1,3}\d{1,6}\s{0,3}(?:seconds?|minutes?|mins?|hours?)|每隔?\s{0,3}\d{1,6}\s{0,3}(?:秒|分钟|个?小时)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Frequency();

    // A period the fault keeps to: "every 20 minutes", "every few minutes", "every morning", "twice a day", 「每隔十分钟」,
    // 「每天早上」, 「一天两三次」. "every time I …" names an action instead, and "often", 「老是」, 「隔三差五」 name no period.
    [GeneratedRegex(@"(?<![A-Za-z])every\s{1,3}(?:(?:\d{1,4}|few|couple(?:\s{1,3}of)?|other)\s{1,3})?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|mornings?|afternoons?|nights?|weeks?)(?![A-Za-z])|(?<![A-Za-z])(?:once|twice|(?:\d{1,3}|two|three|four|five|a few|several)(?:\s{1,3}(?:or|to)\s{1,3}(?:\d{1,3}|three|four|five))?\s{1,3}times)\s{1,3}(?:a|an|per|each)\s{1,3}(?:day|hour|week|minute)(?![A-Za-z])|每隔?\s{0,3}(?:\d{1,4}|[一二两三四五六七八九十半几]{1,3})?\s{0,3}(?:秒钟?|分钟|个?小时|天|周|个?星期)|每(?:天|个)?(?:早上|上午|下午|晚上)|(?:一|每)(?:天|小时|个小时)\s{0,3}(?:\d{1,3}|[一二两三四五六七八九十几]{1,3})\s{0,3}次", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Period();

    /// <summary>The period a fault recurs at, when the text states one (<see cref="DescriptionFacts"/>: it says when).</summary>
    public static string? PeriodOf(TextScan scan) => Period().Match(scan.Text) is { Success: true } period ? period.Value.Trim() : null;

    // A stated span the fault has kept to (the convention of 2026-12-03, sixth session: "a period is any stated span"):
    // "since lunch", "since 10am", "all day", "over the last two weeks", "for two days", 「从早上开始」, 「今天早上开始」,
    // 「一整天」, 「这两天」. A day or a time alone ("slow today", 「今天特别卡」, "this morning") states no span, and "lately",
    // 「最近」 bound none.
    [GeneratedRegex(@"(?<![A-Za-z])(?:ever\s{1,3})?since\s{1,3}(?:(?:this|last|yesterday|early|late|the|my)\s{1,3})?(?:[A-Za-z'-]{1,15}\s{1,3})?(?:lunch(?:time)?|noon|midday|morning|afternoon|evening|night|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|week|month|\d{1,2}(?::\d{2})?\s{0,2}(?:am|pm|h)|\d{1,2}:\d{2})(?![A-Za-z])|(?<![A-Za-z])(?:all|the\s{1,3}whole)\s{1,3}(?:day|morning|afternoon|evening|week)(?![A-Za-z])|(?<![A-Za-z])(?:for|over|in)\s{1,3}the\s{1,3}(?:last|past)\s{1,3}(?:(?:\d{1,3}|two|three|four|five|six|few|couple\s{1,3}of|several)\s{1,3})?(?:minutes?|hours?|days?|weeks?|months?)(?![A-Za-z])|(?<![A-Za-z])for\s{1,3}(?:(?:\d{1,3}|two|three|four|five|six|a\s{1,3}few|several|a\s{1,3}couple\s{1,3}of)\s{1,3})?(?:hours|days|weeks)(?![A-Za-z])|(?:从|自从|打从)[^,.;!?\n。，、]{1,12}?(?:开始|起|以来)|(?:今天|今早|昨天|前天|早上|上午|中午|下午|午饭后|\d{1,2}点)[^,.;!?\n。，]{0,6}?开始|一整天|整整一天|一上午|一下午|一早上|这两天|这几天|(?:好|这)?(?:几|两|三|\d{1,3})天了", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Span();

    /// <summary>The span a fault has kept to, when the text states one (<see cref="DescriptionFacts"/>: it says when).</summary>
    public static string? SpanOf(TextScan scan) => Span().Match(scan.Text) is { Success: true } span ? span.Value.Trim() : null;

    // A change the fault followed: "after this weekend's upgrade", "since the mailbox migration", 「升级以后」, 「改了密码之后」.
    // "since this morning" names a time, not a change, and says nothing of what to look at.
    [GeneratedRegex(@"(?<![A-Za-z])(?:after|since|following)\s{1,3}(?:(?:the|a|an|last|this|that|yesterday's|today's|last night's|this weekend's|the latest|latest|recent|my|our)\s{1,3})?(?:[A-Za-z0-9.-]{1,20}\s{1,3}){0,2}(?:update|upgrade|migration|patch|reinstall|re-install|rollout|roll-out|password change|server move|office move|cutover)(?![A-Za-z])|(?:更新|升级|重装|迁移|切换|改了?密码|换了?电脑)(?:了)?(?:之后|以后|后)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterAChange();

    /// <summary>The change a fault followed, when the text names one (<see cref="DescriptionFacts"/>: it says when).</summary>
    public static string? ChangeBefore(TextScan scan) => AfterAChange().Match(scan.Text) is { Success: true } change ? change.Value.Trim() : null;

    [GeneratedRegex(@"(?<![A-Za-z])(?:v|ver\.?|version)\s{0,3}(?<number>\d{1,9}(?:\.\d{1,9}){1,3})|版本\s{0,3}[:：]?\s{0,3}[Vv]?(?<number>\d{1,9}(?:\.\d{1,9}){1,3})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Version();

    public static ProblemContext Read(TextScan scan) => new(
        Frequency: First(scan, Frequency(), PhraseKind.Frequency),
        Scope: First(scan, Scope(), PhraseKind.Scope),
        Since: Since().Match(scan.Text) is { Success: true } since ? WhenOnly(since.Value.Trim()) : null,
        Version: Version().Match(scan.Text) is { Success: true } version ? version.Groups["number"].Value : null);

    /// <summary>
    /// "since 9am today the approve button …" is "since 9am today": an English "since" keeps only the words that say
    /// when, and is dropped when none does.
    /// </summary>
    private static string? WhenOnly(string since)
    {
        var words = since.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words[0] is not ("since" or "Since" or "ever" or "Ever"))
        {
            return since;
        }

        var first = words[0] is "ever" or "Ever" ? 2 : 1;
        var kept = words.Skip(first).TakeWhile(word => TimeWord().IsMatch(word)).ToList();
        while (kept.Count > 0 && kept[^1] is "the" or "this" or "last" or "a" or "an" or "of" or "few" or "couple")
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return kept.Count == 0 ? null : string.Join(' ', words.Take(first).Select(word => word.ToLowerInvariant()).Concat(kept));
    }

    [GeneratedRegex(@"^(?:\d{1,2}(?::\d{2})?(?:am|pm|h)?|am|pm|noon|lunch|lunchtime|midnight|o'clock|the|this|last|a|an|few|couple|of|today|yesterday|tonight|morning|afternoon|evening|night|week|weekend|month|days?|hours?|weeks?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|update|upgrade|migration|patch|reboot|restart|move|rollout|windows|latest|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeWord();

    /// <summary>The earliest of a pattern match and a lexicon phrase.</summary>
    private static string? First(TextScan scan, Regex pattern, PhraseKind kind)
    {
        var matched = pattern.Match(scan.Text);
        var phrase = scan.Of(kind).Cast<PhraseMatch?>().FirstOrDefault();
        return (matched.Success, phrase) switch
        {
            (true, { } word) when word.Start < matched.Index => scan.Slice(word.Start, word.End),
            (true, _) => matched.Value.Trim(),
            (false, { } word) => scan.Slice(word.Start, word.End),
            _ => null,
        };
    }
}
