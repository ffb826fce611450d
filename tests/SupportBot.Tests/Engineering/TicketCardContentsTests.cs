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
        foreach (var answer in new[] { "今天早上9点", "否", "只有我", "Windows 11, Edge 131", "A10023", "财务部", "8021" })
        {
            await zhang.SayAsync(answer);
        }

        await zhang.ClickIntakeAsync("submit");
        await office.DrainAsync();

        var card = Text(office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US").LatestCardWith("take"));
        Assert.Contains("Employee ID: A10023", card, StringComparison.Ordinal);
        Assert.Contains("Came by: Teams", card, StringComparison.Ordinal);
        Assert.Contains("Environment: Windows 11, Edge 131", card, StringComparison.Ordinal);
        Assert.Contains(@"Attachments: [E005 \[截图\].png](https://files.example.com/e005.png)", card, StringComparison.Ordinal);
        var own = Text(zhang.Cards().First(c => Text(c).Contains("工号", StringComparison.Ordinal)));
        Assert.Contains("工号: A10023", own, StringComparison.Ordinal);
        Assert.Contains("来源渠道: Teams", own, StringComparison.Ordinal);
    }

    /// <summary>
    /// A vague report made specific by the intake's questions: the card shows the composed description and, under its own
    /// heading, everything the reporter said in their own words (escaped, so their markup is no link), in the viewer's language.
    /// </summary>
    [Theory]
    [InlineData("en-US", "In the reporter's words")]
    [InlineData("zh-CN", "报告人原话")]
    public async Task The_card_shows_the_reporters_own_words_beside_the_composed_description(string locale, string heading)
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", locale).SayAsync(locale == "en-US" ? "bind triage apps" : "绑定分诊 apps");
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        foreach (var answer in new[] { "系统不好用 [看这里](http://evil.example)", "OA", "提交请假审批", "点提交没反应", "没有", "今天早上9点", "否", "只有我", "跳过", "A10023", "财务部", "8021" })
        {
            await zhang.SayAsync(answer);
        }

        await zhang.ClickIntakeAsync("submit");
        await office.DrainAsync();

        var texts = Texts(office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", locale).LatestCardWith("take")).ToList();
        var description = texts.IndexOf(texts.First(t => t.Contains("在OA系统中提交请假审批时,点提交没反应", StringComparison.Ordinal)));
        var words = texts.IndexOf(heading);
        Assert.True(words > description, $"The reporter's words follow the composed description: {string.Join(" | ", texts)}");
        Assert.StartsWith(@"系统不好用 \[看这里\]", texts[words + 1], StringComparison.Ordinal);
        Assert.DoesNotContain("](http://", texts[words + 1], StringComparison.Ordinal);
        Assert.Contains("点提交没反应", texts[words + 1], StringComparison.Ordinal);
    }
}
