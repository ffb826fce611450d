using SupportBot.Describing;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Intake;

/// <summary>
/// The choices intake offers and how a typed or clicked answer maps back to them: by the choice's title in
/// either language, by its number, or by a key word ("我", "team", "P1").
/// </summary>
internal sealed class IntakeChoices(Localizer localizer, CategoryCatalog categories, DescriptionAnalyzer answers)
{
    private static readonly string[] SkipWords = ["skip", "-", "跳过", "略过"];

    public IReadOnlyList<(string Title, ImpactReach Value)> ReachChoices(string locale) =>
    [
        (localizer.Get(locale, "intake.reach.onlyMe"), ImpactReach.OnlyMe),
        (localizer.Get(locale, "intake.reach.myTeam"), ImpactReach.MyTeam),
        (localizer.Get(locale, "intake.reach.many"), ImpactReach.Many),
    ];

    public IReadOnlyList<(string Title, string Key)> CategoryChoices(string locale, string? suggested) =>
    [
        .. categories.All
            .OrderBy(category => category.Key == suggested ? 0 : 1)
            .Select(category => (category.Names.TryGetValue(Localizer.Normalize(locale), out var name) ? name : category.Key, category.Key)),
    ];

    public string CategoryName(string locale, string key) =>
        categories.All.FirstOrDefault(category => category.Key == key)?.Names.GetValueOrDefault(Localizer.Normalize(locale)) ?? key;

    public ImpactReach? Reach(string text)
    {
        var answer = Bare(text);
        foreach (var language in Localizer.Languages)
        {
            var listed = ReachChoices(language);
            for (var i = 0; i < listed.Count; i++)
            {
                if (answer == Bare(listed[i].Title) || answer == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return listed[i].Value;
                }
            }
        }

        return answer switch
        {
            _ when ContainsAny(answer, "everyone", "all", "many", "whole", "company", "所有", "全", "很多", "大家", "多人") => ImpactReach.Many,
            _ when ContainsAny(answer, "team", "department", "colleague", "several", "团队", "部门", "同事", "几个") => ImpactReach.MyTeam,
            _ when ContainsAny(answer, "me", "myself", "just", "only", "我", "自己") => ImpactReach.OnlyMe,
            _ => null,
        };
    }

    public string? Category(string text)
    {
        var answer = Bare(text);
        foreach (var language in Localizer.Languages)
        {
            var listed = CategoryChoices(language, null);
            for (var i = 0; i < listed.Count; i++)
            {
                if (answer == Bare(listed[i].Title) || answer == listed[i].Key)
                {
                    return listed[i].Key;
                }
            }
        }

        return null;
    }

    public Priority? Priority(string text)
    {
        var answer = Bare(text);
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var code = "p" + (int)priority;
            if (answer == code || string.Equals(answer, priority.ToString(), StringComparison.OrdinalIgnoreCase)
                || Localizer.Languages.Any(language => answer == Bare(localizer.Get(language, $"priority.{priority}")) || answer.StartsWith(Bare(localizer.Get(language, $"priority.{priority}")).Split(' ', '(')[0] + " ", StringComparison.Ordinal)))
            {
                return priority;
            }
        }

        return answer switch
        {
            "紧急" => Tickets.Priority.Urgent,
            "高" => Tickets.Priority.High,
            "中" => Tickets.Priority.Medium,
            "低" => Tickets.Priority.Low,
            _ => null,
        };
    }

    /// <summary>"skip", or an answer that says there is nothing ("none", 「没有」), in the description engine's words.</summary>
    public bool IsSkip(string text) =>
        SkipWords.Contains(Bare(text)) || answers.IsNone(text) || Localizer.Languages.Any(language => Bare(text) == Bare(localizer.Get(language, "intake.skip")));

    public bool IsUnknown(string text) => answers.IsUnknown(text);

    /// <summary>Filing for someone: is the caller an employee or a customer (the buttons, or a plain word for either).</summary>
    public Tickets.ReporterKind? CallerKind(string text) =>
        Said(text, "onBehalf.employee", "employee", "staff", "员工", "内部员工") ? Tickets.ReporterKind.Employee
        : Said(text, "onBehalf.customer", "customer", "client", "客户") ? Tickets.ReporterKind.Customer
        : null;

    /// <summary>Filing for someone: the way the problem came to the desk, as a key of <see cref="CameByChannels"/>.</summary>
    public string? CameBy(string text) => CameByChannels.All.FirstOrDefault(way => Said(text, $"onBehalf.cameBy.{way}", CameByWords[way]));

    private static readonly Dictionary<string, string[]> CameByWords = new(StringComparer.Ordinal)
    {
        ["phone"] = ["phone", "call", "telephone", "电话", "来电"],
        ["email"] = ["email", "e-mail", "mail", "邮件", "电子邮件", "邮箱"],
        ["walkIn"] = ["walk-in", "walk in", "in person", "到访", "现场", "当面"],
        ["chat"] = ["chat", "im", "聊天", "即时消息"],
    };

    private bool Said(string text, string key, params string[] words) =>
        words.Contains(Bare(text), StringComparer.OrdinalIgnoreCase)
        || Localizer.Languages.Any(language => string.Equals(Bare(text), Bare(localizer.Get(language, key)), StringComparison.OrdinalIgnoreCase));

    /// <summary>The reporter asks for a human: the "Talk to a person" button in either language, or a plain word for it.</summary>
    public bool IsPerson(string text) =>
        Localizer.Languages.Any(language => Bare(text) == Bare(localizer.Get(language, "intake.person"))) || Bare(text) is "人工" or "person" or "human" or "agent"
        || (Bare(text).Length <= 40 && PersonPhrases.Any(phrase => Bare(text).Contains(phrase, StringComparison.Ordinal)));

    private static readonly string[] PersonPhrases =
    [
        "talk to a person", "talk to a human", "talk to someone", "speak to a person", "speak to a human", "speak to someone", "real person",
        "human agent", "live agent", "人工客服", "转人工", "找人工", "真人",
    ];

    /// <summary>The first answer said nothing about the problem ("none", "?"): ask again, with an example.</summary>
    public string DescribeAgain(string locale) => localizer.Get(locale, "intake.retry.describe");

    /// <summary>A number where words were asked for: say so, then the question again.</summary>
    public string NotWords(string locale, string question) => localizer.Get(locale, "intake.retry.notWords", question);

    /// <summary>Something other than an error where the error was asked: the question again, saying why.</summary>
    public string NotAnError(string locale, string question) => localizer.Get(locale, "intake.retry.notAnError", question);

    public string NotGiven(string locale) => localizer.Get(locale, "intake.notGiven");

    /// <summary>"That time has not come yet (it is 06:25 now where you are)…"</summary>
    public string FutureTime(string locale, DateTimeOffset now, TimeZoneInfo zone) =>
        localizer.Get(locale, "intake.retry.occurredAtFuture", localizer.Time(now, zone, locale, "format.time"));

    /// <summary>A title need not say that there was no error code: "Printer: jammed; no error code shown" → "Printer: jammed".</summary>
    public string WithoutErrorCodeNote(string description, string locale)
    {
        var separator = localizer.Get(locale, "describe.compose.errorSeparator");
        foreach (var key in new[] { "describe.compose.noErrorCode", "describe.compose.errorCodeUnknown" })
        {
            description = description.Replace(separator + localizer.Get(locale, key), "", StringComparison.Ordinal);
        }

        return description;
    }

    private static string Bare(string text) => text.Trim().TrimEnd('.', '。', '!', '！').Trim().ToLowerInvariant();

    private static bool ContainsAny(string text, params string[] words) =>
        words.Any(word => word.Length <= 2 && word.All(char.IsAsciiLetter)
            ? text.Split(' ', ',', '.').Contains(word)
            : text.Contains(word, StringComparison.Ordinal));
}
