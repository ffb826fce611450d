using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Conversations.Explorer;

/// <summary>The new users the explorer plays: both languages, both channels, every way of starting and answering.</summary>
internal static class Personas
{
    private static readonly Dictionary<string, string> EmployeeEn = new()
    {
        ["intake.ask.employeeId"] = "A10023, Finance, 8021",
    };

    private static readonly Dictionary<string, string> EmployeeZh = new()
    {
        ["intake.ask.employeeId"] = "A10023", ["intake.ask.department"] = "财务部", ["intake.ask.extension"] = "8021",
    };

    private static readonly Dictionary<string, string> CustomerEn = new()
    {
        ["intake.ask.customerName"] = "Li Na, Contoso, C-20931, +86 21 5555 0100",
    };

    private static readonly Dictionary<string, string> CustomerZh = new()
    {
        ["intake.ask.customerName"] = "李娜,康托索公司", ["intake.ask.customerNumber"] = "C-20931", ["intake.ask.phone"] = "13800138000",
    };

    private static Persona Make(string name, string locale, bool teams, string[] opening, (string Key, string Answer)[] answers, string[] mustMention, bool vague = false)
    {
        var all = new Dictionary<string, string>((locale, teams) switch
        {
            ("en-US", true) => EmployeeEn,
            ("en-US", false) => CustomerEn,
            (_, true) => EmployeeZh,
            _ => CustomerZh,
        });
        foreach (var (key, answer) in answers)
        {
            all[key] = answer;
        }

        return new Persona(name, locale, teams ? Channels.MsTeams : Channels.WebChat, opening, all, mustMention, vague);
    }

    public static IReadOnlyList<Persona> All { get; } =
    [
        // From the greeting's own button.
        Make("button-en-web", "en-US", false, ["hi", "Report a problem"],
            [("intake.ask.describe", "The approve button in OA does nothing when I click it"), ("describe.ask.errorCode", "E005")], ["OA", "E005", "nothing"], vague: true),
        Make("button-zh-teams", "zh-CN", true, ["你好", "报告问题"],
            [("intake.ask.describe", "OA里点审批按钮没反应"), ("describe.ask.action", "审批请假单"), ("describe.ask.errorCode", "E005")], ["OA", "E005", "没反应"], vague: true),
        Make("button-en-teams-vague", "en-US", true, ["Report a problem"],
            [("intake.ask.describe", "it doesn't work"), ("describe.ask.system", "CRM"), ("describe.ask.action", "saving a new customer"),
             ("describe.ask.symptom", "the Save button does nothing"), ("describe.ask.errorCode", "none")], ["CRM", "Save button", "does nothing"], vague: true),
        Make("button-zh-web-none-first", "zh-CN", false, ["报告问题"],
            [("intake.ask.describe", "没有 || 打印机打印出来全是乱码"), ("describe.ask.errorCode", "没有")], ["打印", "乱码"], vague: true),

        // From a vague phrase.
        Make("vague-en-teams", "en-US", true, ["it doesn't work"],
            [("describe.ask.system", "CRM"), ("describe.ask.action", "saving a new customer"), ("describe.ask.symptom", "the Save button does nothing"), ("describe.ask.errorCode", "none")],
            ["CRM", "Save button", "does nothing"], vague: true),
        Make("vague-zh-web-error-for-symptom", "zh-CN", false, ["系统不好用"],
            [("describe.ask.system", "CRM"), ("describe.ask.action", "保存新客户信息"), ("describe.ask.symptom", "E005")], ["CRM", "保存新客户信息", "E005"], vague: true),
        Make("vague-en-web-laptop", "en-US", false, ["something is wrong with my laptop"],
            [("describe.ask.action", "starting up"), ("describe.ask.symptom", "it shows a blue screen"), ("describe.ask.errorCode", "0x0000007B")], ["laptop", "blue screen", "0x0000007B"], vague: true),
        Make("vague-zh-teams-slow", "zh-CN", true, ["电脑很卡"],
            [("describe.ask.action", "打开Excel大文件"), ("describe.ask.errorCode", "没有")], ["卡"], vague: true),

        // Several facts in one answer, or an answer to a different question than asked.
        Make("many-facts-en-web", "en-US", false, ["I have a problem"],
            [("describe.ask.system", "Outlook, when I send mail it shows error 0x800CCC0E")], ["0x800CCC0E"], vague: true),
        Make("other-slot-en-teams", "en-US", true, ["VPN problem"],
            [("describe.ask.action", "error 809 || connecting from home"), ("describe.ask.symptom", "it times out")], ["VPN", "809"], vague: true),
        Make("number-as-action-zh-teams", "zh-CN", true, ["CRM有问题"],
            [("describe.ask.action", "8001 || 保存新客户信息"), ("describe.ask.symptom", "点保存没反应"), ("describe.ask.errorCode", "没有")], ["CRM", "保存新客户信息", "没反应"], vague: true),

        // A full sentence, typos, mixed languages, "none".
        Make("sentence-zh-teams", "zh-CN", true, ["登录OA系统时,'审批'按钮无响应,错误代码为E005"], [], ["OA", "E005", "无响应"]),
        Make("typos-en-web", "en-US", false, ["outlok cant send emails"], [("describe.ask.errorCode", "none")], ["send"]),
        Make("mixed-zh-teams", "zh-CN", true, ["Outlook收不到外部邮件"], [("describe.ask.errorCode", "没有")], ["收不到"]),
        Make("none-en-teams", "en-US", true, ["printer jammed on floor 3"], [("describe.ask.errorCode", "none")], ["printer", "jammed"]),
        Make("dont-know-en-web", "en-US", false, ["The HR portal shows a blank page after I log in"], [("describe.ask.errorCode", "don't know"), ("intake.ask.occurredAt", "don't know")], ["blank page"]),
        Make("error-given-en-web", "en-US", false, ["something is wrong, it shows error E-13 (3楼)"], [("describe.ask.system", "the printer"), ("describe.ask.action", "printing")], ["E-13"], vague: true),

        // Time, impact and contact said in passing are not asked again.
        Make("facts-up-front-en-web", "en-US", false, ["Since 9am today the approve button in OA does nothing when I click it, error E005, and the whole team can't work"], [], ["OA", "E005", "nothing"]),
        Make("facts-up-front-zh-teams", "zh-CN", true, ["从今天早上8点开始,客服中心的座机全都打不进来,大概40个坐席受影响,没法工作"], [("describe.ask.errorCode", "没有")], ["打不进来"]),

        // Interruptions and edits.
        Make("help-midway-zh-web", "zh-CN", false, ["系统不好用"],
            [("describe.ask.system", "OA"), ("describe.ask.action", "提交请假审批"), ("describe.ask.symptom", "点提交没反应"), ("describe.ask.errorCode", "没有")], ["OA", "提交请假审批", "没反应"], vague: true)
            with { Interruption = (2, "帮助") },
        Make("my-tickets-midway-en-teams", "en-US", true, ["Excel freezes when I refresh the pivot table"], [("describe.ask.errorCode", "none")], ["Excel", "freezes"])
            with { Interruption = (3, "my tickets") },
        Make("edits-title-en-web", "en-US", false, ["Excel crashes when I open the budget workbook"], [("describe.ask.errorCode", "none")], ["Excel", "crashes"])
            with { EditedTitle = "Budget workbook crashes Excel" },
    ];
}
