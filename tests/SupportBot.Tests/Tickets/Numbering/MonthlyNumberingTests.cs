namespace SupportBot.Tests.Tickets.Numbering;

/// <summary>
/// Seed 001's monthly numbering (年份+月份+流水号, 202310-001), configured as <c>TS-{date:yyyyMM}-{seq:000}</c>: the
/// sequence runs through the month and starts again at 001 on the first of the next, and the numbers work in
/// the reporter's commands. Reporters file in Chinese in Teams and ask in English.
/// </summary>
public sealed class MonthlyNumberingTests
{
    [Fact]
    public async Task A_monthly_pattern_numbers_through_the_month_and_restarts_on_the_first_of_the_next()
    {
        var channel = await FakeChannel.StartAsync();
        await using var office = TeamsOffice.Wrap(channel, new SupportBotApplication(new Dictionary<string, string?> { ["Tickets:NumberPattern"] = "TS-{date:yyyyMM}-{seq:000}" }));

        var first = office.Personal("aad-reporter-1", "张伟", "zh-CN");
        await Engineering.TicketLifeTests.FileOaTicketAsync(first);
        office.App.Time.Advance(TimeSpan.FromDays(6));
        var second = office.Personal("aad-reporter-2", "李娜", "zh-CN");
        await Engineering.TicketLifeTests.FileOaTicketAsync(second);

        // 1 December 2026, 09:30 in Shanghai: a new month, a new sequence.
        office.App.Time.Advance(TimeSpan.FromDays(2));
        var third = office.Personal("aad-reporter-3", "Emma Brown", "en-US");
        await Engineering.TicketLifeTests.FileOaTicketAsync(third);

        Assert.StartsWith("工单 TS-202611-001 已提交", first.Texts.First(t => t.StartsWith("工单 TS-", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("工单 TS-202611-002 已提交", second.Texts.First(t => t.StartsWith("工单 TS-", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("TS-202612-001", office.Ticket("TS-202612-001").Number);
        Assert.Equal("aad-reporter-3", office.Ticket("TS-202612-001").Reporter.Id);

        await third.SayAsync("status ts-202612-001");
        Assert.StartsWith("TS-202612-001", third.Texts[^1], StringComparison.Ordinal);
    }
}
