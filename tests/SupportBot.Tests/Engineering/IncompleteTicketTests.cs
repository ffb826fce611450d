using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.Calendars;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// Information requests both ways (issue 21 item 5, seed 004: 若信息不完整,需在1小时内联系发起人补充,暂缓分配). An engineer flags a
/// new ticket incomplete from the card: support's own clock to contact the reporter starts and is nudged, climbs to the
/// senior when missed, and is met by Ask reporter; the assignment clock waits; the reporter's clock to answer is its own;
/// the answer clears the flag. Monday 23 November 2026, 09:30 in Shanghai, a medium ticket in the application team's queue.
/// </summary>
public sealed class IncompleteTicketTests
{
    private const string Number = "TS-20261123-001";

    [Theory]
    [InlineData("en-US", "Information missing: the screenshot of the error")]
    [InlineData("zh-CN", "缺少信息: the screenshot of the error")]
    public async Task Flagged_incomplete_support_is_nudged_to_ask_then_the_answer_clears_the_flag_and_the_assignment_clock_resumes(string locale, string fact)
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (zhang, _, _, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        var engineer = desk.Office.InTriageChannel(JamesCarter, "James Carter", locale);
        await desk.AtAsync(ChinaTime(11, 23, 9, 32));
        var card = await engineer.ExecuteAsync(engineer.LatestCardWith("ack"), "ack");

        await desk.AtAsync(ChinaTime(11, 23, 9, 35));
        card = await engineer.ExecuteAsync(card, "incomplete", ("missing", "the screenshot of the error"));
        Assert.Contains(fact, Texts(card));
        Assert.DoesNotContain("incomplete", Verbs(card));
        Assert.Contains("ask", Verbs(card));
        var deadlines = desk.Office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(desk.Ticket(Number));
        var contact = deadlines.Single(d => d.Kind == DeadlineKind.ContactReporter);
        Assert.Equal((ChinaTime(11, 23, 9, 35), ChinaTime(11, 23, 10, 35)), (contact.StartedAt, contact.DueAt!.Value));
        Assert.True(deadlines.Single(d => d.Kind == DeadlineKind.Assignment).IsPaused, "the assignment waits for the answer");

        // Support's clock is nudged at 75% in the triage channel (its language), with the card to act on.
        await desk.AtAsync(ChinaTime(11, 23, 10, 20));
        Assert.Equal([$"reminded contactReporter/nudge → triage:apps"], desk.Reminders(Number));
        Assert.Equal($"⏰ {Number}(OA 审批按钮无响应)信息不完整:请在 2026-11-23 10:35 前向报告人索取(询问报告人)(还剩 15分钟)。", triage.Texts[^1]);

        // Asking the reporter meets it; the reporter's own clock to answer starts, and nothing more comes about contacting.
        await desk.AtAsync(ChinaTime(11, 23, 10, 25));
        card = await engineer.ExecuteAsync(engineer.LatestCardWith("ask"), "ask", ("question", "请发送错误提示的截图"));
        await desk.SettleAsync();
        var question = zhang.LatestCardWith("answer");
        Assert.Contains("请发送错误提示的截图", Text(question), StringComparison.Ordinal);
        deadlines = desk.Office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(desk.Ticket(Number));
        Assert.Equal(ChinaTime(11, 23, 10, 25), deadlines.Single(d => d.Kind == DeadlineKind.ContactReporter).MetAt);
        Assert.Equal(ChinaTime(11, 23, 11, 25), deadlines.Single(d => d.Kind == DeadlineKind.InformationRequest && d.IsOpen).DueAt);
        await desk.AtAsync(ChinaTime(11, 23, 10, 40));
        Assert.Equal([$"reminded contactReporter/nudge → triage:apps"], desk.Reminders(Number));

        // The reporter answers on their card: the answer is on the ticket, the flag is gone, the assignment clock runs on
        // from where it stood (09:30 + 1 h, paused 09:35–10:50).
        await desk.AtAsync(ChinaTime(11, 23, 10, 50));
        await zhang.ExecuteAsync(question, "answer", ("answer", "截图已发到邮箱"));
        await desk.SettleAsync();
        var ticket = desk.Ticket(Number);
        Assert.False(ticket.Incomplete!.IsOpen);
        Assert.Contains(ticket.History, e => e.What == "answerQuestion" && e.Note == "截图已发到邮箱");
        var assignment = desk.Office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.Assignment);
        Assert.Equal(ChinaTime(11, 23, 11, 45), assignment.DueAt);
        var after = engineer.LatestCardWith("take");
        Assert.DoesNotContain(Texts(after), t => t == fact);
        Assert.Contains("incomplete", Verbs(after));
        Assert.Contains("截图已发到邮箱", Text(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_asks_within_the_hour_so_it_climbs_to_the_senior_and_a_reporter_adding_it_first_clears_it()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (zhang, zheng, _, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        var engineer = desk.Office.InTriageChannel(JamesCarter, "James Carter", "en-US");
        await desk.AtAsync(ChinaTime(11, 23, 9, 32));
        var card = await engineer.ExecuteAsync(engineer.LatestCardWith("ack"), "ack");
        await desk.AtAsync(ChinaTime(11, 23, 9, 35));
        await engineer.ExecuteAsync(card, "incomplete", ("missing", "which browser"));

        await desk.AtAsync(ChinaTime(11, 23, 10, 35));
        Assert.Equal($"⚠️ {Number}(OA 审批按钮无响应)信息不完整,截至 2026-11-23 10:35 仍未询问报告人(现在到期)。已升级给高级工程师。", triage.Texts[^1]);
        Assert.Contains($"escalated contactReporter/breach → engineer:{ZhengLi}", desk.Reminders(Number));
        Assert.Contains("ask", Verbs(zheng.LastCard()));

        // The reporter adds it of their own accord: that is the contact and the answer, and the flag is cleared.
        await desk.AtAsync(ChinaTime(11, 23, 10, 40));
        await zhang.SayAsync($"补充 {Number}:用的是 Edge 131");
        await desk.SettleAsync();
        var ticket = desk.Ticket(Number);
        Assert.Equal(ChinaTime(11, 23, 10, 40), ticket.Incomplete!.AnsweredAt);
        var contact = desk.Office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.ContactReporter);
        Assert.True(contact.WasMetLate);
    }

    [Fact]
    public async Task Only_a_new_ticket_can_be_flagged_and_a_reporter_cannot_flag_it()
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await TicketLifeTests.FileOaTicketAsync(zhang);
        await office.DrainAsync();
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var card = zhengInChannel.LatestCardWith("take");
        Assert.Contains("incomplete", Verbs(card));

        // A reporter pressing the button from a forwarded card changes nothing.
        var refused = await zhang.ExecuteAsync(card, "incomplete", ("missing", "nothing"));
        Assert.Null(office.Ticket(Number).Incomplete);
        Assert.Contains($"您无权对工单 {Number} 执行", Text(refused), StringComparison.Ordinal);
        Assert.Empty(Verbs(refused));

        // Once work has started (a note), what is missing is simply asked.
        card = await zhengInChannel.ExecuteAsync(card, "take");
        card = await zhengInChannel.ExecuteAsync(card, "note", ("text", "查看日志"));
        Assert.DoesNotContain("incomplete", Verbs(card));
    }
}
