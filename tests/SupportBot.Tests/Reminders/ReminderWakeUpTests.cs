using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SupportBot.Reminders;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Many open tickets, each woken for its own reminders at its own time, while the scheduler keeps one trigger for all
/// of them (the wake-ups are rows in the database): memory no longer grows with the tickets left open. Monday
/// 23 November 2026 in Shanghai; a medium ticket's first-response nudge comes 11¼ minutes after filing, an urgent one's
/// 3¾ minutes.
/// </summary>
public sealed class ReminderWakeUpTests
{
    [Fact]
    public async Task Twenty_open_tickets_and_a_later_urgent_one_are_each_nudged_at_their_own_time_under_one_trigger()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, _, _, triage) = await desk.PeopleAsync();
        var medium = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            medium.Add((await desk.SubmitAsync(Priority.Medium, $"OA 审批按钮无响应 {i}")).Number);
        }

        // Filed three minutes later, its nudge (09:36:45) comes before every medium one (09:41:15): the trigger moves earlier.
        await desk.AtAsync(ChinaTime(11, 23, 9, 33));
        var urgent = (await desk.SubmitAsync(Priority.Urgent, "生产系统无法登录")).Number;
        await desk.SettleAsync();
        Assert.Equal(1, await TicketTriggersAsync(desk));

        await desk.AtAsync(ChinaTime(11, 23, 9, 36).AddSeconds(44));
        Assert.Empty(desk.Reminders(urgent));
        await desk.AtAsync(ChinaTime(11, 23, 9, 36).AddSeconds(45));
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], desk.Reminders(urgent));
        Assert.All(medium, number => Assert.Empty(desk.Reminders(number)));
        Assert.Contains(triage.Texts, text => text.StartsWith($"⏰ {urgent}", StringComparison.Ordinal));

        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(14));
        Assert.All(medium, number => Assert.Empty(desk.Reminders(number)));
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        Assert.All(medium, number => Assert.Equal(["reminded firstResponse/nudge → triage:apps"], desk.Reminders(number)));
        Assert.All(medium, number => Assert.Contains(triage.Texts, text => text.StartsWith($"⏰ {number}", StringComparison.Ordinal)));
        Assert.Equal(1, await TicketTriggersAsync(desk));
    }

    [Fact]
    public async Task The_next_reminders_after_a_restart_come_on_time_from_the_wake_ups_rebuilt_at_start()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        _ = await desk.PeopleAsync();
        var first = (await desk.SubmitAsync(Priority.Medium, "OA 审批按钮无响应")).Number;
        await desk.AtAsync(ChinaTime(11, 23, 9, 35));
        var second = (await desk.SubmitAsync(Priority.Medium, "CRM 导出报表超时")).Number;

        // Down from 09:36 to 09:44: the first ticket's nudge (09:41:15) fell due meanwhile, the second's (09:46:15) not yet.
        await desk.AtAsync(ChinaTime(11, 23, 9, 36));
        await desk.RestartAtAsync(ChinaTime(11, 23, 9, 44));
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], desk.Reminders(first));
        Assert.Empty(desk.Reminders(second));
        await desk.AtAsync(ChinaTime(11, 23, 9, 46).AddSeconds(14));
        Assert.Empty(desk.Reminders(second));
        await desk.AtAsync(ChinaTime(11, 23, 9, 46).AddSeconds(15));
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], desk.Reminders(second));
    }

    // The scheduler's triggers for tickets' reminders: one for all of them (none when nothing is owed).
    private static async Task<int> TicketTriggersAsync(ReminderOffice desk)
    {
        var scheduler = await desk.Office.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzReminderScheduler.TicketGroup))).Count;
    }
}
