using System.Text.RegularExpressions;
using SupportBot.Localization;

namespace SupportBot.Intake;

internal enum ReporterCommandKind
{
    Cancel,
    Help,
    StartOver,
    Report,
    Status,
    MyTickets,
    ChangeDetails,
    AddInformation,
    CancelTicket,
    Greeting,

    /// <summary>"report for 李娜" / 「代为报告 李娜」: a service desk engineer files for a caller.</summary>
    ReportFor,
}

internal sealed record ReporterCommand(ReporterCommandKind Kind, string? Number = null, string? Text = null);

/// <summary>
/// What a reporter can say at any time, in either language, including the menu's own buttons:
/// "cancel" / 取消, "help" / 帮助, "start over" / 重新开始, "status TS-…" / 查询 TS-…, "my tickets" / 我的工单,
/// "add to TS-…: …" / 补充 TS-…: …, "change my details" / 修改我的信息, "cancel TS-… reason" / 取消 TS-… 原因.
/// </summary>
internal sealed partial class ReporterCommands(Localizer localizer)
{
    private static readonly Dictionary<string, ReporterCommandKind> Phrases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cancel"] = ReporterCommandKind.Cancel, ["取消"] = ReporterCommandKind.Cancel, ["stop"] = ReporterCommandKind.Cancel, ["算了"] = ReporterCommandKind.Cancel,
        ["help"] = ReporterCommandKind.Help, ["帮助"] = ReporterCommandKind.Help, ["?"] = ReporterCommandKind.Help, ["？"] = ReporterCommandKind.Help, ["menu"] = ReporterCommandKind.Help, ["菜单"] = ReporterCommandKind.Help,
        ["start over"] = ReporterCommandKind.StartOver, ["restart"] = ReporterCommandKind.StartOver, ["重新开始"] = ReporterCommandKind.StartOver, ["重来"] = ReporterCommandKind.StartOver,
        ["report a problem"] = ReporterCommandKind.Report, ["报告问题"] = ReporterCommandKind.Report, ["new ticket"] = ReporterCommandKind.Report, ["报修"] = ReporterCommandKind.Report,
        ["my tickets"] = ReporterCommandKind.MyTickets, ["我的工单"] = ReporterCommandKind.MyTickets,
        ["change my details"] = ReporterCommandKind.ChangeDetails, ["修改我的信息"] = ReporterCommandKind.ChangeDetails, ["更新我的信息"] = ReporterCommandKind.ChangeDetails,
        ["hi"] = ReporterCommandKind.Greeting, ["hello"] = ReporterCommandKind.Greeting, ["hey"] = ReporterCommandKind.Greeting, ["你好"] = ReporterCommandKind.Greeting, ["您好"] = ReporterCommandKind.Greeting, ["嗨"] = ReporterCommandKind.Greeting,
    };

    [GeneratedRegex(@"^(?:status(?: of)?|查询工单|查询|进度|状态)\s*[:：]?\s*(?<number>[A-Za-z]{1,6}-?\d[\d-]*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Status();

    [GeneratedRegex(@"^(?:add(?: info(?:rmation)?)? to|补充|追加)\s*(?<number>[A-Za-z]{1,6}-?\d[\d-]*)\s*[:：,，]?\s*(?<text>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AddTo();

    [GeneratedRegex(@"^(?:cancel|取消|撤销)\s*(?:ticket\s*|工单\s*)?(?<number>[A-Za-z]{1,6}-?\d[\d-]*)\s*[:：,，]?\s*(?<reason>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CancelTicket();

    [GeneratedRegex(@"^(?:report for|file for|代为报告|代报)\s*[:：]?\s*(?<name>\S.{0,79})$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReportFor();

    [GeneratedRegex(@"^[A-Za-z]{1,6}-?\d{8}-?\d{3,6}$")]
    private static partial Regex BareNumber();

    // "status of my ticket please", "where is my ticket", 「我的工单进度」: the reporter's tickets with their status.
    [GeneratedRegex(@"^(?:(?:what(?:'s| is) the )?status of my (?:tickets?|requests?|reports?)|my tickets?(?:'s)? status|check (?:on )?my tickets?|where(?:'s| is) my (?:ticket|request)|any update on my tickets?|我的工单(?:进度|状态|怎么样了)|工单进度|查(?:一下|下)?我的工单|我(?:报|提交)的(?:问题|工单)(?:怎么样了|进度如何|有进展吗))(?:\s*please|\s*pls|吗|呢)?[?？]?$", RegexOptions.IgnoreCase)]
    private static partial Regex MyTicketsQuestion();

    public ReporterCommand? Recognize(string? text)
    {
        var said = (text ?? "").Trim().TrimEnd('.', '。', '!', '！');
        if (said.Length == 0)
        {
            return null;
        }

        if ((Phrases.TryGetValue(said, out var phrase) ? phrase : MenuButton(said)) is { } kind)
        {
            return new ReporterCommand(kind);
        }

        if (ReportFor().Match(said) is { Success: true } reportFor)
        {
            return new ReporterCommand(ReporterCommandKind.ReportFor, Text: reportFor.Groups["name"].Value.Trim());
        }

        if (CancelTicket().Match(said) is { Success: true } cancel)
        {
            return new ReporterCommand(ReporterCommandKind.CancelTicket, cancel.Groups["number"].Value, cancel.Groups["reason"].Value.Trim());
        }

        if (Status().Match(said) is { Success: true } status)
        {
            return new ReporterCommand(ReporterCommandKind.Status, status.Groups["number"].Success ? status.Groups["number"].Value : null);
        }

        if (BareNumber().IsMatch(said))
        {
            return new ReporterCommand(ReporterCommandKind.Status, said);
        }

        if (MyTicketsQuestion().IsMatch(said))
        {
            return new ReporterCommand(ReporterCommandKind.MyTickets);
        }

        return AddTo().Match(said) is { Success: true } add
            ? new ReporterCommand(ReporterCommandKind.AddInformation, add.Groups["number"].Value, add.Groups["text"].Value)
            : null;
    }

    private ReporterCommandKind? MenuButton(string said)
    {
        foreach (var language in Localizer.Languages)
        {
            if (string.Equals(said, localizer.Get(language, "menu.report"), StringComparison.OrdinalIgnoreCase))
            {
                return ReporterCommandKind.Report;
            }

            if (string.Equals(said, localizer.Get(language, "menu.myTickets"), StringComparison.OrdinalIgnoreCase))
            {
                return ReporterCommandKind.MyTickets;
            }

            if (string.Equals(said, localizer.Get(language, "menu.status"), StringComparison.OrdinalIgnoreCase))
            {
                return ReporterCommandKind.Status;
            }

            if (string.Equals(said, localizer.Get(language, "menu.help"), StringComparison.OrdinalIgnoreCase))
            {
                return ReporterCommandKind.Help;
            }
        }

        return null;
    }
}
