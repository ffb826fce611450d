using System.Text.RegularExpressions;
using SupportBot.Describing;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>
/// What a reporter says in passing about the intake's other questions, wherever they say it: when it started
/// ("since 9am", 「从昨天下午开始」), how many it stops ("the whole team", 「40个坐席受影响」), whether they can work
/// ("nobody can work", 「干不了活」), whether there is a workaround ("I can use my hotspot meanwhile") and how to reach them ("call me on 13800138000", "ext 8021"). It fills only what
/// is still unanswered, so the question is not asked; an answer to the question itself always wins.
/// </summary>
internal sealed partial class StatedFacts(DescriptionAnalyzer analyzer, OccurrenceTimeParser times)
{
    private static readonly string[] Many =
    [
        "everyone", "everybody", "all users", "all of us", "whole company", "whole office", "whole floor", "many people", "the whole building",
        "所有人", "大家都", "很多人", "全公司", "整个公司", "整个楼层", "整层楼", "全楼",
    ];

    private static readonly string[] Team =
    [
        "whole team", "my team", "our team", "the team", "whole department", "our department", "my colleagues", "my department",
        "整个部门", "全部门", "我们部门", "整个团队", "我们组", "全组", "组里的人", "部门的人", "同事们都", "几个同事",
    ];

    private static readonly string[] OnlyMe = ["only me", "just me", "only for me", "只有我", "就我一个", "仅我一人", "只影响我"];

    private static readonly string[] CannotWork =
    [
        "can't work", "cannot work", "can't do my job", "unable to work", "nobody can work", "no one can work", "blocking us", "blocked from working", "stops my work",
        "无法工作", "没法工作", "干不了活", "没法干活", "工作不了", "停工", "停摆", "业务停了", "干不了",
    ];

    private static readonly string[] CanWork = ["can still work", "i can still", "not urgent", "not blocking", "不影响工作", "还能工作", "不着急", "不急", "暂时还能"];

    private static readonly string[] Workarounds = ["meanwhile", "in the meantime", "for now i can", "as a workaround", "workaround", "暂时用", "先用", "临时用", "凑合", "先用手机"];

    [GeneratedRegex(@"(?:can'?t|cannot|unable to|(?:nobody|no one|none of us)[^,.;!?]{0,30}can)\s{1,3}(?:do\s+(?:my|our|any)\s+)?work(?![a-z])|都用不了|都没法用|都不能用", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CannotWorkPattern();

    [GeneratedRegex(@"(?<![A-Za-z])(?:started|starting|began|happening)\s{1,3}(?:at|around|about|on|from|since)?\s{0,3}(?<when>[^,.;!?\n]{2,30})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartedAt();

    [GeneratedRegex(@"(?<![0-9])(?<count>\d{1,5})\s{0,2}(?:people|persons|users|staff|colleagues|agents|个人|人|个坐席|名|位同事|个同事)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeopleCount();

    // A mobile or an international number, which may hold spaces: "+86 21 5555 0100", 13800138000 (also read by DetailsAnswer).
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d{9}(?![0-9])|\+\d{1,3}[ -]?\d{2,4}(?:[ -]?\d{3,4}){2,3}(?![0-9])")]
    internal static partial Regex Phone();

    [GeneratedRegex(@"(?:ext\.?|extension|分机号?|座机)\s{0,2}[:：]?\s{0,2}(?<number>\d{3,6})(?![0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Extension();

    [GeneratedRegex(@"^(?:ever\s+since|since|从|自从)\s*|\s*(?:开始|起|以来|以后|之后|后)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SinceMarkers();

    /// <summary>The form with every fact <paramref name="text"/> states filled in where the form has none yet.</summary>
    public IntakeForm Fill(IntakeForm form, string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(text))
        {
            return form;
        }

        var lower = text.ToLowerInvariant();
        if (form.OccurredAt is null && !form.OccurredAtUnknown && Started(text, form.Locale, zone) is var (occurrence, words))
        {
            form = form with { OccurredAt = occurrence.At, OccurredAtNote = occurrence.NoteOf(words) };
        }

        if (form.People is null && Reach(lower) is { } reach)
        {
            form = form with { People = reach };
        }

        var cannotWork = ContainsAny(lower, CannotWork) || CannotWorkPattern().IsMatch(lower);
        if (form.Blocked is null && cannotWork != ContainsAny(lower, CanWork))
        {
            form = form with { Blocked = cannotWork };
        }

        if (form.Workaround is null && !cannotWork && ContainsAny(lower, Workarounds))
        {
            form = form with { Workaround = true };
        }

        return form with { Profile = Contact(form, text) };
    }

    /// <summary>"since 9am today", 「从昨天下午开始」, "it started at 9am today": the words that say when, read as a time.</summary>
    private (Occurrence Occurrence, string Words)? Started(string text, string locale, TimeZoneInfo zone)
    {
        var when = analyzer.Analyze(text, locale).Slots.Since is { } since ? SinceMarkers().Replace(since, "")
            : StartedAt().Match(text) is { Success: true } started ? started.Groups["when"].Value
            : null;
        if (when is null)
        {
            return null;
        }

        // The time is in the first few words; what follows ("9am today, nobody can work") is not.
        var words = when.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = Math.Min(words.Length, 4); count > 0; count--)
        {
            var said = string.Join(' ', words.Take(count));
            if (times.Parse(said, zone) is { Kind: OccurrenceKind.Past } occurrence)
            {
                return (occurrence, said);
            }
        }

        return null;
    }

    private static ImpactReach? Reach(string lower)
    {
        if (PeopleCount().Match(lower) is { Success: true } counted && int.TryParse(counted.Groups["count"].Value, out var count) && count > 1)
        {
            return count >= 5 ? ImpactReach.Many : ImpactReach.MyTeam;
        }

        return ContainsAny(lower, Many) ? ImpactReach.Many
            : ContainsAny(lower, Team) ? ImpactReach.MyTeam
            : ContainsAny(lower, OnlyMe) ? ImpactReach.OnlyMe
            : null;
    }

    /// <summary>A mobile or international number for a customer's phone; an extension for an employee's.</summary>
    private static ReporterProfile Contact(IntakeForm form, string text) => form.ReporterKind switch
    {
        ReporterKind.Customer when form.Profile.Phone is null && Phone().Match(text) is { Success: true } phone => form.Profile with { Phone = phone.Value },
        ReporterKind.Employee when form.Profile.Extension is null && Extension().Match(text) is { Success: true } extension => form.Profile with { Extension = extension.Groups["number"].Value },
        _ => form.Profile,
    };

    /// <summary>Whole phrases only: "the team" is not in "the teams app".</summary>
    private static bool ContainsAny(string lower, string[] phrases) => phrases.Any(phrase => Contains(lower, phrase));

    private static bool Contains(string lower, string phrase)
    {
        for (var at = lower.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if (!char.IsAsciiLetter(phrase[^1]) || end == lower.Length || !char.IsAsciiLetter(lower[end]))
            {
                return true;
            }
        }

        return false;
    }
}
