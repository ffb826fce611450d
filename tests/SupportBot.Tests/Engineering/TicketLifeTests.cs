using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// One ticket through its whole life in Teams, with a reporter (张伟), two engineers (郑丽 Zheng Li, James Carter)
/// and their lead (吴刚 Wu Gang). Every step checks the ticket, its history and deadlines, the cards everyone sees
/// (replaced in place) and what the reporter is told, in the reporter's language.
/// </summary>
public sealed class TicketLifeTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private TeamsOffice _office = null!;

    public async Task InitializeAsync() => _office = await OpenAsync();

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task A_ticket_goes_from_intake_through_every_engineer_step_to_a_rating()
    {
        var office = _office;
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var jamesInChannel = office.InTriageChannel(JamesCarter, "James Carter", "en-US");
        var wuInChannel = office.InTriageChannel(WuGang, "吴刚 Wu Gang", "zh-CN");
        var zheng = office.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var james = office.Personal(JamesCarter, "James Carter", "en-US");
        await zheng.InstallAsync();
        await james.InstallAsync();
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");

        // Intake: the reporter gets the number and the ticket's card; the team's triage channel gets the card to take.
        await FileOaTicketAsync(zhang);
        await office.DrainAsync();
        Assert.StartsWith($"工单 {Number} 已提交", zhang.Texts[^1], StringComparison.Ordinal);
        Assert.Empty(Verbs(zhang.LastCard()));
        var triageCard = zhengInChannel.LatestCardWith("take");
        Assert.Contains($"{Number} · 登录OA系统时", Text(triageCard), StringComparison.Ordinal);
        Assert.Contains("Assignee: nobody yet", Text(triageCard), StringComparison.Ordinal);
        Assert.Equal((TicketStatus.Submitted, null), (Ticket().Status, Ticket().Assignee));

        // Taken from the triage channel: the card is replaced for everyone, the assignee gets it in their chat, the reporter hears who.
        Advance(TimeSpan.FromMinutes(2));
        var taken = await zhengInChannel.ExecuteAsync(triageCard, "take");
        await office.DrainAsync();
        Assert.Contains($"{Number} 已由您负责。", Text(taken), StringComparison.Ordinal);
        Assert.Equal((TicketStatus.Accepted, ZhengLi), (Ticket().Status, Ticket().Assignee));
        Assert.Contains("Assignee: 郑丽 Zheng Li", Text(zhengInChannel.Updates[^1].Card), StringComparison.Ordinal);
        Assert.DoesNotContain("take", Verbs(zhengInChannel.Updates[^1].Card));
        Assert.Contains($"{Number} 由您负责", zheng.Texts[^1], StringComparison.Ordinal);
        Assert.Equal($"郑丽 Zheng Li 正在处理您的工单 {Number}。", zhang.Texts[^1]);
        Assert.Contains("负责人: 郑丽 Zheng Li", Text(zhang.Updates[^1].Card), StringComparison.Ordinal);

        // James clicks Take on the same (old) card a moment later: nothing changes, and he sees who was first.
        var late = await jamesInChannel.ExecuteAsync(triageCard, "take");
        Assert.Contains("Already taken by 郑丽 Zheng Li at 09:32.", Text(late), StringComparison.Ordinal);
        Assert.Equal(ZhengLi, Ticket().Assignee);

        // The lead raises the priority with a reason; the reporter is told why.
        await wuInChannel.ExecuteAsync(wuInChannel.LastCard(), "priority", ("priority", "medium"), ("reason", "月底报销审批集中"));
        await office.DrainAsync();
        Assert.Equal(Priority.Medium, Ticket().Priority);
        Assert.Equal($"您的工单 {Number} 的优先级已变更:优先级 低 (P3) → 中 (P2): 月底报销审批集中", zhang.Texts[^1]);

        // Acknowledged from the assignee's own chat: the first response is recorded.
        await zheng.ExecuteAsync(zheng.LatestCardWith("ack"), "ack");
        await office.DrainAsync();
        Assert.Equal(office.App.Time.GetUtcNow(), Ticket().Milestones.FirstResponseAt);
        Assert.Equal($"郑丽 Zheng Li 已收到您的工单 {Number},正在处理。", zhang.Texts[^1]);

        // Asking the reporter pauses the engineer's clock until the answer comes back onto the ticket.
        var respondBy = Due(DeadlineKind.EngineerResponse);
        await zheng.ExecuteAsync(zheng.LastCard(), "ask", ("question", "是所有审批单都无法提交,还是只有某一类?"));
        await office.DrainAsync();
        Assert.Equal(TicketStatus.WaitingForReporter, Ticket().Status);
        Assert.Null(Due(DeadlineKind.EngineerResponse));
        var question = zhang.LatestCardWith("answer");
        Assert.Contains("郑丽 Zheng Li 对您的工单有一个问题:是所有审批单都无法提交,还是只有某一类?", Text(question), StringComparison.Ordinal);

        Advance(TimeSpan.FromMinutes(30));
        await zhang.ExecuteAsync(question, "answer", ("answer", "只有报销审批单"));
        await office.DrainAsync();
        Assert.Equal(TicketStatus.InProgress, Ticket().Status);
        Assert.Equal(respondBy + TimeSpan.FromMinutes(30), Due(DeadlineKind.EngineerResponse));
        Assert.Equal($"报告人回答了 {Number}:只有报销审批单", zheng.Texts[^1]);
        Assert.DoesNotContain("answer", Verbs(zhang.Updates.Last(u => Text(u.Card).Contains("对您的工单有一个问题", StringComparison.Ordinal)).Card));

        // A co-handler gets the card in their own language.
        await zheng.ExecuteAsync(zheng.LastCard(), "cohandler", ("engineer", JamesCarter));
        await office.DrainAsync();
        Assert.Equal([JamesCarter], Ticket().CoHandlers);
        Assert.StartsWith($"郑丽 Zheng Li added you as co-handler of {Number}", james.Texts[^1], StringComparison.Ordinal);
        Assert.Contains("Co-handlers: James Carter", Text(james.LastCard()), StringComparison.Ordinal);

        // Blocked with a new estimate, then unblocked; the reporter hears both.
        await zheng.ExecuteAsync(zheng.LastCard(), "block", ("reason", "等待厂商补丁"), ("estimate", "2026-11-25"));
        await office.DrainAsync();
        Assert.Equal((TicketStatus.Blocked, new DateOnly(2026, 11, 25)), (Ticket().Status, Ticket().EstimatedBy));
        Assert.Equal($"您的工单 {Number} 暂时受阻:等待厂商补丁。新的预计时间:2026年11月25日 星期三。", zhang.Texts[^1]);
        await zheng.ExecuteAsync(zheng.LastCard(), "unblock");
        await office.DrainAsync();
        Assert.Equal(TicketStatus.InProgress, Ticket().Status);
        Assert.Equal($"您的工单 {Number} 已恢复处理。", zhang.Texts[^1]);

        // A change to data waits for the reporter's approval: no Resolve button until then.
        await zheng.ExecuteAsync(zheng.LastCard(), "propose", ("solution", "清理报销审批流程中损坏的缓存数据"), ("changesData", "true"));
        await office.DrainAsync();
        Assert.True(Ticket().Plan!.AwaitsApproval);
        Assert.DoesNotContain("resolve", Verbs(zheng.LastCard()));
        var approval = zhang.LatestCardWith("approve");
        Assert.Contains("清理报销审批流程中损坏的缓存数据", Text(approval), StringComparison.Ordinal);
        await zhang.ExecuteAsync(approval, "approve");
        await office.DrainAsync();
        Assert.NotNull(Ticket().Plan!.ApprovedAt);
        Assert.Equal($"报告人已批准 {Number} 的变更。", zheng.Texts[^1]);

        // Resolved; the reporter says it is not solved, so it reopens with the same engineer.
        await zheng.ExecuteAsync(zheng.LatestCardWith("resolve"), "resolve", ("solution", "已清理缓存并重启审批服务"), ("effort", "45"));
        await office.DrainAsync();
        Assert.Equal((TicketStatus.Resolved, 45), (Ticket().Status, Ticket().Resolution!.EffortMinutes));
        await zhang.ExecuteAsync(zhang.LatestCardWith("notsolved"), "notsolved", ("stillWrong", "差旅审批仍然报 E005"));
        await office.DrainAsync();
        Assert.Equal((TicketStatus.Reopened, ZhengLi), (Ticket().Status, Ticket().Assignee));
        Assert.Equal($"报告人表示 {Number} 仍未解决:差旅审批仍然报 E005", zheng.Texts[^1]);

        // Resolved again; solved; rated; closed.
        await zheng.ExecuteAsync(zheng.LatestCardWith("resolve"), "resolve", ("solution", "同时修复了差旅审批模板"), ("effort", "30"));
        await office.DrainAsync();
        await zhang.ExecuteAsync(zhang.LatestCardWith("solved"), "solved");
        await office.DrainAsync();
        Assert.Equal(TicketStatus.Closed, Ticket().Status);
        await zhang.ExecuteAsync(zhang.LatestCardWith("rate"), "rate", ("rating", "Satisfied"), ("comment", "处理很快"));
        await office.DrainAsync();

        var closed = Ticket();
        Assert.Equal((TicketStatus.Closed, SatisfactionRating.Satisfied, "处理很快"), (closed.Status, closed.Satisfaction!.Rating, closed.Satisfaction.Comment));
        Assert.True(closed.Verification!.Solved);
        Assert.Equal(
            ["created", "assigned", "priority", "acknowledged", "askReporter", "answerQuestion", "addCoHandler", "block", "unblock", "proposeSolution",
             "approveSolution", "resolve", "reportNotSolved", "resolve", "confirmSolved", "rate"],
            closed.History.Where(e => e.What != HistoryKinds.Status && !HistoryKinds.IsReminder(e.What)).Select(e => e.What));
        Assert.DoesNotContain(office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(closed), d => d.IsOpen && d.Kind != DeadlineKind.Archive);
        // The ticket card offers nothing more (the article draft that follows a close is ArchiveDraftTests' subject).
        Assert.Empty(Verbs(zheng.Cards().Last(card => !Verbs(card).Contains("archivePublish"))));
        // The reporter's own copy of the ticket card (sent with "filed"), as last replaced: copies are refreshed in no set order.
        var filed = office.CallsTo(zhang.ConversationId).First(c => c.Method == "POST" && c.Text?.StartsWith($"工单 {Number} 已提交", StringComparison.Ordinal) == true);
        Assert.Contains("满意度: 满意", Text(zhang.Updates.Last(u => u.ActivityId == filed.Id).Card), StringComparison.Ordinal);
    }

    /// <summary>A low-priority OA problem, reported in Chinese from Teams and confirmed on the card.</summary>
    internal static async Task FileOaTicketAsync(TeamsPerson reporter)
    {
        foreach (var answer in new[] { "登录OA系统时,'审批'按钮无响应,错误代码为E005", "今天早上9点", "否", "只有我", "跳过", "A10023", "财务部", "8021" })
        {
            await reporter.SayAsync(answer);
        }

        await reporter.ClickIntakeAsync("submit");
    }

    private Ticket Ticket() => _office.Ticket(Number);

    private DateTimeOffset? Due(DeadlineKind kind) =>
        _office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(Ticket()).Single(d => d.Kind == kind).DueAt;

    private void Advance(TimeSpan span) => _office.App.Time.Advance(span);
}
