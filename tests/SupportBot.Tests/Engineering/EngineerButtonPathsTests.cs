using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// The card paths the life-of-a-ticket test does not walk, pressed as people press them in Teams: Escalate (to the
/// team's senior), the lead's Assign to…, the engineer's own Reopen, and Cancel — each checked by what the ticket
/// becomes and what the reporter (Chinese) and the engineers (Chinese, English) are told.
/// </summary>
public sealed class EngineerButtonPathsTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private TeamsOffice _office = null!;

    public async Task InitializeAsync() => _office = await OpenAsync();

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task Escalate_assign_reopen_and_cancel_each_do_what_the_button_says()
    {
        var office = _office;
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var jamesInChannel = office.InTriageChannel(JamesCarter, "James Carter", "en-US");
        var wuInChannel = office.InTriageChannel(WuGang, "吴刚 Wu Gang", "zh-CN");
        var zheng = office.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var james = office.Personal(JamesCarter, "James Carter", "en-US");
        await zheng.InstallAsync();
        await james.InstallAsync();
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await TicketLifeTests.FileOaTicketAsync(zhang);
        await office.DrainAsync();
        await jamesInChannel.ExecuteAsync(jamesInChannel.LatestCardWith("take"), "take");
        await office.DrainAsync();
        Assert.Equal(JamesCarter, Ticket().Assignee);

        // Escalate: the team's senior (郑丽) joins the ticket and hears who brought her in, in her language.
        await james.ExecuteAsync(james.LatestCardWith("escalate"), "escalate");
        await office.DrainAsync();
        Assert.Contains(ZhengLi, Ticket().CoHandlers);
        Assert.StartsWith($"James Carter 将 {Number} 升级给您", zheng.Texts[^1], StringComparison.Ordinal);

        // The lead assigns it to 郑丽: she owns it, and the reporter is told who handles it now.
        await wuInChannel.ExecuteAsync(wuInChannel.LatestCardWith("assign"), "assign", ("engineer", ZhengLi));
        await office.DrainAsync();
        Assert.Equal(ZhengLi, Ticket().Assignee);
        Assert.StartsWith($"{Number} 由您负责", zheng.Texts.Last(t => t.Contains("由您负责", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal($"郑丽 Zheng Li 正在处理您的工单 {Number}。", zhang.Texts[^1]);

        // Resolved, then reopened by the engineer herself with a reason the reporter reads.
        await zheng.ExecuteAsync(zheng.LatestCardWith("resolve"), "resolve", ("solution", "已清理缓存"), ("effort", "20"));
        await office.DrainAsync();
        Assert.Equal(TicketStatus.Resolved, Ticket().Status);
        await zheng.ExecuteAsync(zheng.LatestCardWith("reopen"), "reopen", ("reason", "复查发现差旅审批仍报错"));
        await office.DrainAsync();
        Assert.Equal(TicketStatus.Reopened, Ticket().Status);
        Assert.Equal($"您的工单 {Number} 已重新打开:复查发现差旅审批仍报错", zhang.Texts[^1]);

        // Cancelled by the engineer with a reason: the ticket is over, and the reporter hears why.
        await zheng.ExecuteAsync(zheng.LatestCardWith("cancel"), "cancel", ("reason", "与 TS-20261120-004 重复"));
        await office.DrainAsync();
        Assert.Equal(TicketStatus.Cancelled, Ticket().Status);
        Assert.Equal($"您的工单 {Number} 已取消:与 TS-20261120-004 重复", zhang.Texts[^1]);
        Assert.DoesNotContain("resolve", Verbs(zheng.LastCard()));
    }

    private Ticket Ticket() => _office.Ticket(Number);
}
