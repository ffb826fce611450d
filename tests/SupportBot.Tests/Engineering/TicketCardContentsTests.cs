using SupportBot.BotFramework.Schema;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// What engineers see (issue 21 item 7): the ticket card carries what the intake collected — the employee id, the
/// channel the report came by, the files as links that open — in the triage channel's language.
/// </summary>
public sealed class TicketCardContentsTests
{
    [Fact]
    public async Task The_triage_card_shows_the_employee_id_the_channel_and_the_files_as_links()
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await zhang.SayWithFilesAsync(
            "登录OA系统时,'审批'按钮无响应,错误代码为E005",
            new Attachment { ContentType = "image/png", Name = "E005 [截图].png", ContentUrl = "https://files.example.com/e005.png" });
        foreach (var answer in new[] { "今天早上9点", "软件缺陷", "否", "只有我", "A10023", "财务部", "8021" })
        {
            await zhang.SayAsync(answer);
        }

        await zhang.ClickIntakeAsync("submit");
        await office.DrainAsync();

        var card = Text(office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US").LatestCardWith("take"));
        Assert.Contains("Employee ID: A10023", card, StringComparison.Ordinal);
        Assert.Contains("Came by: Teams", card, StringComparison.Ordinal);
        Assert.Contains(@"Attachments: [E005 \[截图\].png](https://files.example.com/e005.png)", card, StringComparison.Ordinal);
        var own = Text(zhang.Cards().First(c => Text(c).Contains("工号", StringComparison.Ordinal)));
        Assert.Contains("工号: A10023", own, StringComparison.Ordinal);
        Assert.Contains("来源渠道: Teams", own, StringComparison.Ordinal);
    }
}
