using SupportBot.Tickets;

namespace SupportBot.Tests.Intake;

/// <summary>
/// The impact of a problem, as a person at the desk asks it: whether work is blocked and who is affected in one
/// question, read whole ("Yes, my team", 「否,还能工作」); half an answer keeps its half and asks the other.
/// </summary>
public sealed class ImpactConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "Yes, my team", "Is there a workaround", "no", Priority.High)]
    [InlineData("en-US", "Yes, many people", "your name and company", null, Priority.Urgent)]
    [InlineData("en-US", "No, I can still work", "Who is affected?", "only me", Priority.Low)]
    [InlineData("zh-CN", "是,只有我", "临时办法", "是", Priority.Medium)]
    [InlineData("zh-CN", "是,很多人", "姓名和公司", null, Priority.Urgent)]
    public async Task Blocked_and_who_is_affected_are_asked_together_and_both_are_taken(string locale, string impact, string next, string? then, Priority priority)
    {
        var en = locale == "en-US";
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(en ? "The printer on floor 3 jams on every job, no error" : "三楼打印机每次打印都卡纸,没有报错");
        await reporter.SayAsync(en ? "just now" : "刚才");
        Assert.StartsWith(en ? "Does this stop you from working? And is it only you, your team, or many people?" : "这个问题是否导致您无法工作?只影响您自己", reporter.Last, StringComparison.Ordinal);
        Assert.Contains(impact, reporter.QuickReplies());

        await reporter.SayAsync(impact);
        Assert.Contains(next, reporter.Last, StringComparison.Ordinal);
        if (then is not null)
        {
            await reporter.SayAsync(then);
        }

        await reporter.SayAsync(en ? "Li Na, Contoso, C-20931, +86 21 5555 0100" : "李娜,康托索公司,C-20931,13800138000");
        await reporter.ClickAsync(reporter.CardAction("submit"));
        Assert.Equal(priority, (await _app.TicketAsync("TS-20261123-001")).Priority);
    }

    [Theory]
    [InlineData("en-US", "only me", "Does this stop you from working?", "no", Priority.Low)]
    [InlineData("zh-CN", "只有我", "这个问题是否导致您无法工作?", "否", Priority.Low)]
    public async Task Who_is_affected_alone_is_kept_and_only_whether_work_is_blocked_is_asked_again(string locale, string who, string asked, string blocked, Priority priority)
    {
        var en = locale == "en-US";
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(en ? "The printer on floor 3 jams on every job, no error" : "三楼打印机每次打印都卡纸,没有报错");
        await reporter.SayAsync(en ? "just now" : "刚才");

        await reporter.SayAsync(who);
        Assert.Equal(asked, reporter.Last);
        await reporter.SayAsync(blocked);
        await reporter.SayAsync(en ? "Li Na, Contoso, C-20931, +86 21 5555 0100" : "李娜,康托索公司,C-20931,13800138000");
        await reporter.ClickAsync(reporter.CardAction("submit"));
        Assert.Equal(priority, (await _app.TicketAsync("TS-20261123-001")).Priority);
    }
}
