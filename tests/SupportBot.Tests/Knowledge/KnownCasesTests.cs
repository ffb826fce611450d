using SupportBot.Common;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Knowledge;

/// <summary>
/// Engineers meet known cases where they work: the ticket card in the triage channel lists matching articles and
/// similar recent tickets of the team (never on the reporter's card), and "kb …" / "知识库 …" searches from chat.
/// </summary>
public sealed class KnownCasesTests
{
    private static readonly string[] PrintingReport = ["在OA系统中打印审批单时提示错误代码E1024,打印失败", "今天早上9点", "否", "只有我", "跳过", "A10023", "财务部", "8021"];

    [Fact]
    public async Task The_engineers_card_lists_the_matching_article_and_then_the_earlier_ticket_but_the_reporters_card_does_not()
    {
        await using var office = await OpenAsync();
        await ImportAsync(office.App.CreateAdminClient(), Lines);
        await office.InTriageChannel(Admin, "IT Admin", "zh-CN").SayAsync("bind triage apps");
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var first = office.Personal("aad-reporter-first", "张伟", "zh-CN");
        var second = office.Personal("aad-reporter-second", "<b>李娜</b>", "zh-CN");

        await FileAsync(first);
        var firstCard = TicketCards.Text(zhengInChannel.LatestCardWith("take"));
        Assert.Contains("已知案例", firstCard, StringComparison.Ordinal);
        Assert.Contains("知识库文章 KB-000001:OA 打印报错 E1024", firstCard, StringComparison.Ordinal);
        Assert.DoesNotContain("KB-000003", firstCard, StringComparison.Ordinal);
        Assert.DoesNotContain("已知案例", TicketCards.Text(first.LastCard()), StringComparison.Ordinal);

        await FileAsync(second);
        var secondCard = TicketCards.Text(zhengInChannel.LatestCardWith("take"));
        Assert.Contains("TS-20261123-002", secondCard, StringComparison.Ordinal);
        Assert.Contains("工单 TS-20261123-001:", secondCard, StringComparison.Ordinal);
        Assert.DoesNotContain("已知案例", TicketCards.Text(second.LastCard()), StringComparison.Ordinal);

        async Task FileAsync(TeamsPerson reporter)
        {
            foreach (var answer in PrintingReport)
            {
                await reporter.SayAsync(answer);
            }

            await reporter.ClickIntakeAsync("submit");
            await office.DrainAsync();
        }
    }

    [Fact]
    public async Task An_engineer_searches_the_knowledge_base_from_chat_in_english_and_chinese()
    {
        await using var app = new SupportBotApplication();
        await ImportAsync(app.CreateAdminClient(), Lines);
        var james = ScriptedReporter.Employee(app, "en-US", JamesCarter, "James Carter");
        var zheng = ScriptedReporter.Employee(app, "zh-CN", ZhengLi, "郑丽 Zheng Li");

        await james.SayAsync("kb OA printing error E2048");
        var english = james.Last;
        await zheng.SayAsync("知识库 打印机乱码");
        var chinese = zheng.Last;
        await zheng.SayAsync("知识库 <script>x</script>");

        Assert.StartsWith("Knowledge base: ", english, StringComparison.Ordinal);
        Assert.Contains("1. **KB-000002** OA 打印报错 E2048", english, StringComparison.Ordinal);
        Assert.StartsWith("知识库:为“打印机乱码”找到", chinese, StringComparison.Ordinal);
        Assert.Contains("1. **KB-000003** 打印机打印出来全是乱码", chinese, StringComparison.Ordinal);
        Assert.Equal($"知识库中没有与“{ReporterText.Escape("<script>x</script>")}”匹配的内容。", zheng.Last);
    }

    [Theory]
    [InlineData("en-US", "kb printer", "Searching the knowledge base is for support engineers")]
    [InlineData("zh-CN", "知识库 打印机", "知识库搜索仅供技术支持工程师使用")]
    public async Task A_reporter_cannot_read_the_knowledge_base_from_chat(string locale, string text, string expected)
    {
        await using var app = new SupportBotApplication();
        await ImportAsync(app.CreateAdminClient(), Lines);
        var reporter = ScriptedReporter.Employee(app, locale);

        await reporter.SayAsync(text);

        Assert.StartsWith(expected, reporter.Last, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter.Texts, line => line.Contains("KB-", StringComparison.Ordinal));
    }
}
