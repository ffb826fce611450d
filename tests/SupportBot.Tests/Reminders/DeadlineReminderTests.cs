using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Nudges and escalations as people in Teams receive them: the real Quartz scheduler driven by the fake clock,
/// messages on the fake Connector, the ticket's history as the record. Monday 23 November 2026, 09:30 in Shanghai;
/// medium priority runs on the office calendar (09:00–12:00, 13:30–18:00).
/// </summary>
public sealed class DeadlineReminderTests
{
    private const string Number = "TS-20261123-001";

    [Fact]
    public async Task An_unacknowledged_ticket_climbs_from_the_triage_channel_to_the_senior_and_the_lead_and_stops_once_taken()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, zheng, wu, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);

        // First response within 15 min: the triage channel is nudged at 75%, not a second earlier.
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(14));
        Assert.Empty(Reminders(triage));
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        var nudge = Assert.Single(Reminders(triage));
        Assert.Equal($"⏰ {Number}(OA 审批按钮无响应):首次响应截止于 2026-11-23 09:45(还剩 3分钟)。", nudge);
        Assert.Contains("take", Verbs(triage.LastCard()));

        // At the deadline the channel hears it again and the team's senior engineer gets the card to act on.
        await desk.AtAsync(ChinaTime(11, 23, 9, 45));
        Assert.Equal($"⚠️ {Number}(OA 审批按钮无响应):首次响应已于 2026-11-23 09:45 到期(现在到期),已升级给高级工程师。", Reminders(triage)[^1]);
        Assert.Equal($"🔺 已升级给您:{Number}(OA 审批按钮无响应):首次响应已于 2026-11-23 09:45 到期(现在到期)。负责人:尚未分配。", Assert.Single(Reminders(zheng)));
        Assert.Contains("take", Verbs(zheng.LastCard()));
        Assert.Empty(Reminders(wu));

        // The triage card was refreshed in place to the ticket's new version; the reminders' records stay off it.
        var refreshed = Text(triage.Updates[^1].Card);
        Assert.Contains("提交了工单", refreshed, StringComparison.Ordinal);
        Assert.DoesNotContain("reminded", refreshed, StringComparison.Ordinal);
        Assert.DoesNotContain("escalated", refreshed, StringComparison.Ordinal);
        Assert.Equal(desk.Ticket(Number).Version, Version(triage.Updates[^1].Card));

        // Replacing a message keeps its text: the channel still reads which ticket each card is about.
        var calls = desk.Office.CallsTo(TriageChannelId);
        var posted = calls.Where(c => c.Method == "POST").ToDictionary(c => c.Id);
        var replacements = calls.Where(c => c.Method == "PUT").ToList();
        Assert.All(replacements, put => Assert.Equal(posted[put.Path.Split('/')[^1]].Text, put.Text));
        Assert.Contains(replacements, put => put.Text == $"新工单 {Number},中 (P2)。");

        // Half an hour of business time later the lead; and the assignment deadline (1 h) has its own nudge.
        await desk.AtAsync(ChinaTime(11, 23, 10, 15));
        Assert.StartsWith($"🔺 已升级给您(组长):{Number}(OA 审批按钮无响应):首次响应已于 2026-11-23 09:45 到期(已超时 30分钟)", Assert.Single(Reminders(wu)), StringComparison.Ordinal);
        Assert.Equal($"⏰ {Number}(OA 审批按钮无响应):分配截止于 2026-11-23 10:30(还剩 15分钟)。", Reminders(triage)[^1]);

        // The senior takes and acknowledges from the escalation card: both deadlines are met, nothing more comes.
        await desk.AtAsync(ChinaTime(11, 23, 10, 16));
        await zheng.ExecuteAsync(zheng.LatestCardWith("take"), "take");
        await zheng.ExecuteAsync(zheng.LatestCardWith("ack"), "ack");
        await desk.AtAsync(ChinaTime(11, 23, 12, 0));
        Assert.Equal(3, Reminders(triage).Count);
        Assert.Equal([Reminders(wu)[0]], Reminders(wu));
        Assert.Equal([Reminders(zheng)[0]], Reminders(zheng));
        Assert.Equal(
            [
                $"reminded firstResponse/nudge → triage:apps",
                $"reminded firstResponse/breach → triage:apps",
                $"escalated firstResponse/breach → engineer:{ZhengLi}",
                $"escalated firstResponse/lead → engineer:{WuGang}",
                $"reminded assignment/nudge → triage:apps",
            ],
            desk.Reminders(Number));
    }

    [Fact]
    public async Task Waiting_for_the_reporter_reminds_the_reporter_and_moves_the_engineers_deadline_by_the_wait()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (zhang, zheng, _, _) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        await desk.AtAsync(ChinaTime(11, 23, 9, 31));
        var inChannel = desk.Office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await desk.SettleAsync();
        await zheng.ExecuteAsync(zheng.LatestCardWith("ack"), "ack");

        // Asked at 10:00; the reporter owes an answer within 1 h: reminded at 10:45 with the question to answer, and at 11:00.
        await desk.AtAsync(ChinaTime(11, 23, 10, 0));
        await zheng.ExecuteAsync(zheng.LatestCardWith("ask"), "ask", ("question", "是所有审批单都无法提交吗?"));
        await desk.AtAsync(ChinaTime(11, 23, 10, 45));
        Assert.Equal($"⏰ 您的工单 {Number} 正在等待您回答下面的问题,请在 2026-11-23 11:00 前答复。", Assert.Single(Reminders(zhang)));
        Assert.Contains("answer", Verbs(zhang.LastCard()));
        await desk.AtAsync(ChinaTime(11, 23, 11, 0));
        Assert.Equal(2, Reminders(zhang).Count);
        Assert.Equal($"⚠️ {Number}(OA 审批按钮无响应):报告人仍未回答您的问题(现在到期),已再次提醒。", Assert.Single(Reminders(zheng)));

        // Answered at 11:30: the engineer's 4 h clock stood still for 1 h 30 min, so its nudge moves from 14:01 to 15:31.
        await desk.AtAsync(ChinaTime(11, 23, 11, 30));
        await zhang.ExecuteAsync(zhang.LatestCardWith("answer"), "answer", ("answer", "只有报销审批单"));
        await desk.AtAsync(ChinaTime(11, 23, 15, 30));
        Assert.Single(Reminders(zheng));
        await desk.AtAsync(ChinaTime(11, 23, 15, 31));
        Assert.Equal($"⏰ {Number}(OA 审批按钮无响应):工程师响应截止于 2026-11-23 16:31(还剩 1小时)。", Reminders(zheng)[^1]);
    }

    [Fact]
    public async Task Nudges_to_one_engineer_within_five_minutes_arrive_as_one_message()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, zheng, _, _) = await desk.PeopleAsync();
        await desk.TwoTakenByZhengAsync(zheng);

        // The engineer's response nudges fall due at 14:01 and 14:03; the first opens a five-minute window.
        await desk.AtAsync(ChinaTime(11, 23, 14, 1));
        await desk.AtAsync(ChinaTime(11, 23, 14, 3));
        await desk.AtAsync(ChinaTime(11, 23, 14, 5).AddSeconds(59));
        Assert.Equal([], Reminders(zheng));
        Assert.Equal([], desk.Reminders(Number));
        await desk.AtAsync(ChinaTime(11, 23, 14, 6));
        var digest = Assert.Single(Reminders(zheng));
        Assert.StartsWith("⏰ 您有 2 张工单即将到期:", digest, StringComparison.Ordinal);
        Assert.Contains($"• {Number}(OA 审批按钮无响应):工程师响应截止于 2026-11-23 15:01(还剩 55分钟)", digest, StringComparison.Ordinal);
        Assert.Contains("• TS-20261123-002(CRM 导出报表超时):工程师响应截止于 2026-11-23 15:03(还剩 57分钟)", digest, StringComparison.Ordinal);
        Assert.Equal(2, zheng.Received[^1].GetProperty("attachments").GetArrayLength());
        Assert.Equal(["reminded engineerResponse/nudge → engineer:" + ZhengLi], desk.Reminders(Number));
        Assert.Equal(["reminded engineerResponse/nudge → engineer:" + ZhengLi], desk.Reminders("TS-20261123-002"));
    }

    [Fact]
    public async Task A_restart_between_two_steps_neither_repeats_the_first_nor_loses_the_second()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, _, _, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        Assert.Single(Reminders(triage));

        await desk.RestartAtAsync(ChinaTime(11, 23, 9, 42));
        Assert.Single(Reminders(triage));
        await desk.AtAsync(ChinaTime(11, 23, 9, 45));
        Assert.Equal(2, Reminders(triage).Count);
        Assert.Equal(
            ["reminded firstResponse/nudge → triage:apps", "reminded firstResponse/breach → triage:apps", $"escalated firstResponse/breach → engineer:{ZhengLi}"],
            desk.Reminders(Number));
    }

    [Fact]
    public async Task After_downtime_each_overdue_deadline_is_chased_once_per_person_not_once_per_missed_step()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, zheng, wu, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);

        // Down from 09:30 to 11:05: every step of both deadlines (first response and assignment) fell due meanwhile.
        await desk.RestartAtAsync(ChinaTime(11, 23, 11, 5));
        Assert.Equal(
            [
                $"⚠️ {Number}(OA 审批按钮无响应):首次响应已于 2026-11-23 09:45 到期(已超时 1小时20分钟),已升级给高级工程师。",
                $"⚠️ {Number}(OA 审批按钮无响应):分配已于 2026-11-23 10:30 到期(已超时 35分钟),已升级给高级工程师。",
            ],
            Reminders(triage));
        Assert.Equal(2, Reminders(zheng).Count);
        Assert.Equal(2, Reminders(wu).Count);
        Assert.Contains("reminderSkipped firstResponse/nudge → triage:apps", desk.Reminders(Number));
        Assert.Contains("reminderSkipped assignment/nudge → triage:apps", desk.Reminders(Number));

        await desk.AtAsync(ChinaTime(11, 23, 17, 0));
        Assert.Equal((2, 2, 2), (Reminders(triage).Count, Reminders(zheng).Count, Reminders(wu).Count));
    }

    [Fact]
    public async Task A_reminder_the_channel_keeps_refusing_is_retried_then_recorded_as_failed_and_the_next_step_still_goes_out()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?>
        {
            ["Bot:ConnectorRetries"] = "1",
            ["Bot:ConnectorRetryDelay"] = "00:00:00",
            ["Outbox:MaxAttempts"] = "3",
            ["Outbox:FirstDelay"] = "00:01:00",
        });
        var (_, zheng, _, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        await desk.AtAsync(ChinaTime(11, 23, 9, 41));
        // The channel refuses everything until the reminder is given up (each try includes the connector's own retry).
        for (var refusal = 0; refusal < 100; refusal++)
        {
            desk.Channel.NextStatuses.Enqueue(refusal % 2 == 0 ? 500 : 503);
        }

        // Queued (and recorded as such) at 09:41:15 and tried at once, again a minute later, then two minutes after that;
        // only then is it given up, and the ticket's history says so.
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        await desk.AtAsync(ChinaTime(11, 23, 9, 42).AddSeconds(15));
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], desk.Reminders(Number));
        await desk.AtAsync(ChinaTime(11, 23, 9, 44).AddSeconds(15));
        var failed = Assert.Single(desk.Ticket(Number).History, e => e.What == HistoryKinds.ReminderFailed);
        Assert.Equal(("triage:apps", "the channel did not accept the message after every retry"), (failed.After, failed.Note));
        Assert.Equal(3 * 2, desk.Channel.Calls.Count(c => c.Method == "POST" && c.Path.Contains(TriageChannelId, StringComparison.Ordinal) && c.Text?.StartsWith('⏰') == true));
        desk.Channel.NextStatuses.Clear();

        // The scheduler carried on: the breach reaches the channel and the senior engineer as usual.
        await desk.AtAsync(ChinaTime(11, 23, 9, 45));
        Assert.Single(Reminders(triage), text => text.StartsWith("⚠️", StringComparison.Ordinal));
        Assert.Single(Reminders(zheng));
        Assert.Contains("reminded firstResponse/breach → triage:apps", desk.Reminders(Number));
    }

    [Fact]
    public async Task With_automatic_close_opted_in_an_unverified_fix_closes_by_itself_after_three_working_days_and_the_rating_is_offered()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0", ["Reminders:AutoCloseUnverified"] = "true" });
        var (zhang, zheng, _, _) = await desk.PeopleAsync();
        await desk.ResolvedByZhengAsync(zheng);

        // Verification within 1 h: the assignee is nudged at 10:45; at 11:00 the reporter gets the question again.
        await desk.AtAsync(ChinaTime(11, 23, 10, 45));
        Assert.StartsWith($"⏰ {Number}(OA 审批按钮无响应):报告人尚未确认修复", Assert.Single(Reminders(zheng)), StringComparison.Ordinal);
        await desk.AtAsync(ChinaTime(11, 23, 11, 0));
        Assert.Equal($"您的工单 {Number} 是否已解决?请在下方告诉我们。若无答复,工单将于 2026-11-26 18:00 自动关闭。", zhang.Texts[^1]);
        Assert.Contains("solved", Verbs(zhang.LastCard()));

        // Resolved on Monday: three working days later, Thursday at close of business, it closes by itself.
        await desk.AtAsync(ChinaTime(11, 26, 17, 59));
        Assert.Equal(TicketStatus.Resolved, desk.Ticket(Number).Status);
        await desk.AtAsync(ChinaTime(11, 26, 18, 0));
        var closed = desk.Ticket(Number);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.Equal("3 个工作日内未答复验证", closed.History.Last(e => e.What == "autoClose").Note);
        Assert.Equal($"您的工单 {Number} 已关闭:修复在 3 个工作日内未获确认。如问题再次出现,请重新报告并注明 {Number}。", zhang.Texts[^2]);
        Assert.Equal($"{Number} 已自动关闭:报告人在 3 个工作日内未确认修复。", zheng.Texts[^2]);

        // Closed, the ticket owes its archive: the assignee is handed the knowledge-article draft at once.
        Assert.StartsWith($"📚 {Number}(OA 审批按钮无响应)已关闭。", zheng.Texts[^1], StringComparison.Ordinal);
        await zhang.ExecuteAsync(zhang.LatestCardWith("rate"), "rate", ("rating", "BasicallySatisfied"));
        await desk.SettleAsync();
        Assert.Equal(SatisfactionRating.BasicallySatisfied, desk.Ticket(Number).Satisfaction!.Rating);
    }

    [Fact]
    public async Task A_web_customer_is_reminded_of_an_unanswered_question_in_their_direct_line_chat()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var maria = await WebChatVisitor.StartAsync(desk.Office.App, "Maria Rossi");
        await maria.SayAsync("hello");
        var mariaId = (await maria.PollAsync()).First(a => a.From?.Role == "user").From!.Id!;
        var ticket = await SupportBot.Tests.Engineering.WebCustomerCardTests.FileForAsync(desk.Office, mariaId, maria.ConversationId);
        Assert.Equal($"webchat:{mariaId}", ticket.Reporter.Id);
        var zheng = desk.Office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        await desk.AtAsync(ChinaTime(11, 23, 9, 40));
        var taken = await zheng.ExecuteAsync(zheng.LatestCardWith("take"), "take");
        taken = await zheng.ExecuteAsync(taken, "ack");
        await maria.RefreshTokenAsync();

        // Asked at 10:00; the widget keeps its token fresh while the customer leaves the question unanswered.
        await desk.AtAsync(ChinaTime(11, 23, 10, 0));
        await maria.RefreshTokenAsync();
        await zheng.ExecuteAsync(taken, "ask", ("question", "Which printer model is it?"));
        await desk.AtAsync(ChinaTime(11, 23, 10, 20));
        await maria.RefreshTokenAsync();
        _ = await maria.PollAsync();
        await desk.AtAsync(ChinaTime(11, 23, 10, 44));
        await maria.RefreshTokenAsync();
        Assert.DoesNotContain((await maria.PollAsync()).Select(a => a.Text), t => t?.StartsWith('⏰') == true);

        await desk.AtAsync(ChinaTime(11, 23, 10, 45));
        Assert.Equal([$"reminded informationRequest/nudge → reporter:{ticket.Reporter.Id}"], desk.Reminders(ticket.Number));
        var reminder = Assert.Single(await maria.PollAsync(), a => a.Text?.StartsWith('⏰') == true);
        Assert.StartsWith($"⏰ Your ticket {ticket.Number} is waiting for your answer to the question below", reminder.Text, StringComparison.Ordinal);
        var card = reminder.Attachments!.Single(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!.Value;
        Assert.Contains("answer", Verbs(card));
        Assert.DoesNotContain(Walk(card), node => node.TryGetProperty("type", out var type) && type.GetString() == "Action.Execute");
        Assert.Equal([$"reminded informationRequest/nudge → reporter:{ticket.Reporter.Id}"], desk.Reminders(ticket.Number));
    }

    /// <summary>The reminders a person received: nudges (⏰), breaches (⚠️), escalations (🔺) and reporter reminders.</summary>
    private static List<string> Reminders(TeamsPerson person) =>
        [.. person.Texts.Where(t => t.StartsWith('⏰') || t.StartsWith("⚠️", StringComparison.Ordinal) || t.StartsWith("🔺", StringComparison.Ordinal)
            || t.Contains("正在等待您回答", StringComparison.Ordinal) || t.Contains("仍在等待您回答", StringComparison.Ordinal))];
}
