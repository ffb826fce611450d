using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Closing needs the reporter (seeds 000/001, 发起人确认): by default nothing closes by itself. The reporter is
/// reminded; after the working days the lead is handed the ticket and closes it by hand with a reason the reporter
/// reads; the rating is still offered. Monday 23 November 2026 in Shanghai, medium priority.
/// </summary>
public sealed class UnverifiedCloseTests
{
    private const string Number = "TS-20261123-001";

    [Fact]
    public async Task An_unverified_fix_stays_open_the_lead_closes_it_by_hand_with_a_reason_and_the_reporter_may_still_rate()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (zhang, zheng, wu, _) = await desk.PeopleAsync();
        await desk.ResolvedByZhengAsync(zheng);
        await desk.SettleAsync();

        // The engineer cannot close it by hand; only a lead (or an administrator) can.
        Assert.DoesNotContain("close", Verbs(zheng.LastCard()));

        // At the verification deadline the reporter is asked again, told it stays open.
        await desk.AtAsync(ChinaTime(11, 23, 11, 0));
        Assert.Equal($"您的工单 {Number} 是否已解决?请在下方告诉我们:在您确认之前工单保持打开,最早于 2026-11-26 18:00 由团队说明原因后关闭。", zhang.Texts[^1]);

        // Three working days later nothing closes by itself: the lead is handed the ticket with the Close button.
        await desk.AtAsync(ChinaTime(11, 26, 18, 0));
        Assert.Equal(TicketStatus.Resolved, desk.Ticket(Number).Status);
        var handed = wu.Texts[^1];
        Assert.StartsWith($"🔺 {Number}(OA 审批按钮无响应)已解决,但报告人自 2026-11-23 11:00 起仍未确认修复。", handed, StringComparison.Ordinal);
        var card = wu.LatestCardWith("close");

        var noReason = await wu.ExecuteAsync(card, "close");
        Assert.Contains("必须填写原因。", Text(noReason), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Resolved, desk.Ticket(Number).Status);

        var closed = await wu.ExecuteAsync(card, "close", ("reason", "报告人休假,电话联系不上"));
        await desk.SettleAsync();
        Assert.Contains($"{Number} 已关闭,已告知报告人并请其评价。", Text(closed), StringComparison.Ordinal);
        var ticket = desk.Ticket(Number);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        var lastChange = ticket.History.Last(e => e.What != "status" && !HistoryKinds.IsReminder(e.What));
        Assert.Equal(("closeUnverified", "报告人休假,电话联系不上"), (lastChange.What, lastChange.Note));
        Assert.Contains($"您的工单 {Number} 已在未经您确认的情况下关闭:报告人休假,电话联系不上。", zhang.Texts.Last(t => t.Length > 0), StringComparison.Ordinal);
        Assert.Equal($"{Number} 已由 吴刚 Wu Gang 在未经报告人确认的情况下关闭:报告人休假,电话联系不上", zheng.Texts[^2]);
        Assert.StartsWith($"📚 {Number}(OA 审批按钮无响应)已关闭。", zheng.Texts[^1], StringComparison.Ordinal);

        await zhang.ExecuteAsync(zhang.LatestCardWith("rate"), "rate", ("rating", "Unsatisfied"), ("comment", "没人再联系我"));
        await desk.SettleAsync();
        Assert.Equal(SatisfactionRating.Unsatisfied, desk.Ticket(Number).Satisfaction!.Rating);
    }
}
