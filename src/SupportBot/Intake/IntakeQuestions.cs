using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets.Numbering;

namespace SupportBot.Intake;

/// <summary>The question for each field, with its quick replies, and the re-ask when an answer did not fit.</summary>
internal sealed class IntakeQuestions(Localizer localizer, IntakeChoices choices, TicketNumberFormat numbers)
{
    public Activity Ask(IntakeForm form, IntakeField field, string? engineQuestion)
    {
        ArgumentNullException.ThrowIfNull(form);
        var locale = form.Locale;
        return field switch
        {
            IntakeField.Description when form.Reviewing => Text(locale, "intake.ask.description"),
            IntakeField.Description => engineQuestion is null ? Text(locale, "intake.ask.describe") : Plain(engineQuestion, []),
            IntakeField.OccurredAt => Text(locale, "intake.ask.occurredAt", [L(locale, "intake.justNow"), L(locale, "intake.dontKnow")]),
            IntakeField.System => Text(locale, "intake.ask.system", [L(locale, "intake.dontKnow")]),
            IntakeField.Category => Plain(
                localizer.Get(locale, "intake.ask.category", choices.CategoryName(locale, form.SuggestedCategory ?? "other")),
                [.. choices.CategoryChoices(locale, form.SuggestedCategory).Select(choice => choice.Title)]),
            // Who is affected is asked in the same breath when it is not known yet; "yes"/"no" alone still answers.
            IntakeField.Blocked when form.People is null => Text(locale, "intake.ask.impact", [.. ImpactReplies.Select(key => L(locale, key))]),
            IntakeField.Blocked => Text(locale, "intake.ask.blocked", YesNo(locale)),
            IntakeField.People => Text(locale, "intake.ask.people", [.. choices.ReachChoices(locale).Select(choice => choice.Title)]),
            IntakeField.Workaround => Text(locale, "intake.ask.workaround", YesNo(locale)),
            IntakeField.Priority => Text(locale, "intake.ask.priority", [.. Enum.GetValues<Tickets.Priority>().Select(p => L(locale, $"priority.{p}"))]),
            IntakeField.CallerKind => Text(locale, "onBehalf.ask.kind", [L(locale, "onBehalf.employee"), L(locale, "onBehalf.customer")]),
            IntakeField.CameBy => Text(locale, "onBehalf.ask.cameBy", [.. CameByChannels.All.Select(way => L(locale, $"onBehalf.cameBy.{way}"))]),
            IntakeField.EmergencyContact => Text(locale, "onBehalf.ask.emergencyContact", [L(locale, "intake.skip")]),
            IntakeField.Environment when !form.Reviewing => Text(locale, "intake.ask.faultEnvironment", [L(locale, "intake.skip"), L(locale, "intake.dontKnow")]),
            IntakeField.Environment or IntakeField.AlreadyTried or IntakeField.ExpectedBy => Text(locale, Key(field), [L(locale, "intake.skip")]),
            // Filed for a caller: the engineer is asked about the caller, and nothing is "remembered" as theirs.
            IntakeField.EmployeeId or IntakeField.Department or IntakeField.Extension or IntakeField.CustomerName or IntakeField.CustomerNumber or IntakeField.Phone
                when form.OnBehalf is { } caller => Details(form, field, "onBehalf.ask." + Key(field)["intake.ask.".Length..], caller.CallerName),
            IntakeField.EmployeeId or IntakeField.Department or IntakeField.Extension or IntakeField.CustomerName or IntakeField.CustomerNumber or IntakeField.Phone
                => Details(form, field, Key(field)),
            _ => Text(locale, Key(field)),
        };
    }

    public Activity Retry(IntakeForm form, IntakeField field, string? engineQuestion, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var locale = form.Locale;
        if (form.Failures >= 3)
        {
            return Text(locale, "intake.stuck", [L(locale, "intake.skip"), L(locale, "intake.person")]);
        }

        var again = Ask(form, field, engineQuestion);
        reason ??= field switch
        {
            IntakeField.Description when !form.Reviewing && engineQuestion is not null => localizer.Get(locale, "intake.retry.description", engineQuestion),
            IntakeField.OccurredAt => L(locale, "intake.retry.occurredAt"),
            IntakeField.Category => L(locale, "intake.retry.category"),
            IntakeField.Blocked or IntakeField.Workaround => L(locale, "intake.retry.yesNo"),
            IntakeField.People => L(locale, "intake.retry.people"),
            IntakeField.Title => L(locale, "intake.retry.title"),
            IntakeField.Priority => L(locale, "intake.retry.priority"),
            IntakeField.ExpectedBy => L(locale, "intake.retry.expectedBy"),
            IntakeField.CallerKind => L(locale, "onBehalf.retry.kind"),
            IntakeField.CameBy => L(locale, "onBehalf.retry.cameBy"),
            IntakeField.EmployeeId or IntakeField.Extension or IntakeField.CustomerNumber or IntakeField.Phone or IntakeField.CustomerName or IntakeField.Department
                => L(locale, Key(field).Replace("ask", "retry", StringComparison.Ordinal)),
            IntakeField.Description when form.Reviewing => L(locale, "intake.retry.editedDescription"),
            _ => localizer.Get(locale, "intake.retry.text", IntakeFlow.MaxAnswerLength),
        };
        return again with { Text = reason };
    }

    /// <summary>
    /// One question for every contact detail still missing, from <paramref name="field"/> on: a person gives them in one
    /// answer, so they are asked together (with an example of each), never one per turn. The question's key is the first
    /// one missing; the last detail alone is asked as itself ("What is your phone extension?").
    /// </summary>
    private Activity Details(IntakeForm form, IntakeField field, string key, params string[] who)
    {
        var locale = form.Locale;
        var all = form.ReporterKind == Tickets.ReporterKind.Employee ? ReporterProfile.EmployeeFields : ReporterProfile.CustomerFields;
        var from = all.ToList().IndexOf(field);
        var missing = all.Where((each, at) => each == field || (at > from && form.Profile[each] is null)).ToList();
        string Detail(string kind) => Join(locale, [.. missing.Select(each => L(locale, $"intake.detail.{kind}.{Key(each)["intake.ask.".Length..]}"))]);
        string[] arguments = [.. who, Detail("name"), string.Join(L(locale, "intake.detail.exampleSeparator"), missing.Select(each => L(locale, $"intake.detail.example.{Key(each)["intake.ask.".Length..]}")))];
        return Plain(localizer.Get(locale, key, arguments), []);
    }

    /// <summary>"a, b and c" / 「a、b和c」.</summary>
    private string Join(string locale, IReadOnlyList<string> names) => names.Count < 2
        ? string.Concat(names)
        : string.Join(L(locale, "intake.detail.separator"), names.Take(names.Count - 1)) + L(locale, "intake.detail.lastSeparator") + names[^1];

    public Activity Text(string locale, string key, IReadOnlyList<string>? quickReplies = null) => Plain(L(locale, key), quickReplies ?? []);

    /// <summary>The greeting's menu: offered after every answer outside a report, so there is always a next button.</summary>
    public string[] Menu(string locale) =>
        [L(locale, "menu.report"), L(locale, "menu.myTickets"), L(locale, "menu.status"), L(locale, "menu.help")];

    /// <summary>A message that ends a report (cancelled, saved, a stale card), with the menu to go on from.</summary>
    public Activity WithMenu(string locale, string key) => Text(locale, key, Menu(locale));

    public string StatusExample => numbers.Example;

    /// <summary>A message in plain text (never markdown), with quick replies that send their own title.</summary>
    public static Activity Plain(string text, IReadOnlyList<string> quickReplies) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "plain",
        SuggestedActions = quickReplies.Count == 0 ? null : new SuggestedActions { Actions = [.. quickReplies.Select(reply => CardAction.ImBack(reply, reply))] },
    };

    private static string Key(IntakeField field) => "intake.ask." + char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];

    private static readonly string[] ImpactReplies = ["intake.impact.blockedMe", "intake.impact.blockedTeam", "intake.impact.blockedMany", "intake.impact.notBlocked"];

    private string[] YesNo(string locale) => [L(locale, "intake.yes"), L(locale, "intake.no")];

    private string L(string locale, string key) => localizer.Get(locale, key);
}
