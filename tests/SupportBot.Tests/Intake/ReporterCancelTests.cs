using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Intake;

/// <summary>
/// "cancel TS-… reason" / "取消 TS-… 原因" (issue 21 item 9): the reporter withdraws a ticket before work starts, with
/// a reason the engineers read; once work has started they are told to talk to the engineer instead.
/// </summary>
public sealed class ReporterCancelTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private TeamsOffice _office = null!;
    private TeamsPerson _zheng = null!;

    public async Task InitializeAsync()
    {
        _office = await OpenAsync();
        await _office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        _zheng = _office.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await _zheng.InstallAsync();
    }

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task A_reporter_cancels_their_accepted_ticket_with_a_reason_and_the_engineer_reads_it()
    {
        var zhang = _office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await Engineering.TicketLifeTests.FileOaTicketAsync(zhang);
        await _office.DrainAsync();
        var channel = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await channel.ExecuteAsync(channel.LatestCardWith("take"), "take");
        await _office.DrainAsync();

        await zhang.SayAsync($"取消 {Number}");
        Assert.Equal($"请在工单号后写明原因:取消 {Number} 原因。团队会看到。", zhang.Texts[^1]);
        Assert.Equal(TicketStatus.Accepted, _office.Ticket(Number).Status);

        await zhang.SayAsync($"取消 {Number} 重启电脑后*好了*");
        await _office.DrainAsync();

        Assert.Equal($"工单 {Number} 已取消。感谢您告知。", zhang.Texts[^1]);
        var ticket = _office.Ticket(Number);
        Assert.Equal((TicketStatus.Cancelled, "重启电脑后*好了*"), (ticket.Status, ticket.History.Last(e => e.What == "cancel").Note));
        Assert.Equal($@"报告人取消了 {Number}:重启电脑后\*好了\*", _zheng.Texts[^1]);
        Assert.Empty(Verbs(channel.Updates[^1].Card));
    }

    [Fact]
    public async Task Once_work_has_started_the_reporter_is_told_to_talk_to_the_engineer_instead()
    {
        var emma = _office.Personal("aad-emma", "Emma Brown", "en-US");
        await Engineering.TicketLifeTests.FileOaTicketAsync(emma);
        await _office.DrainAsync();
        var channel = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await channel.ExecuteAsync(channel.LatestCardWith("take"), "take");
        await _office.DrainAsync();
        await _zheng.ExecuteAsync(_zheng.LatestCardWith("note"), "note", ("text", "正在查看审批服务日志"));
        await _office.DrainAsync();

        await emma.SayAsync($"cancel {Number} no longer needed");

        Assert.Equal($"{Number} can't be cancelled any more: it is in progress, and work has started. Tell the engineer instead: add to {Number}: …", emma.Texts[^1]);
        Assert.Equal(TicketStatus.InProgress, _office.Ticket(Number).Status);
    }

    [Fact]
    public async Task Another_persons_ticket_cannot_be_cancelled_and_reveals_nothing()
    {
        var zhang = _office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await Engineering.TicketLifeTests.FileOaTicketAsync(zhang);
        await _office.DrainAsync();

        var stranger = _office.Personal("aad-someone-else", "Li Na", "en-US");
        await stranger.SayAsync($"cancel {Number} mine now");

        Assert.StartsWith($"I can't find a ticket {Number}", stranger.Texts[^1], StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Submitted, _office.Ticket(Number).Status);
    }
}
