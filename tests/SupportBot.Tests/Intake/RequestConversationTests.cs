namespace SupportBot.Tests.Intake;

/// <summary>
/// A how-to question or a request that names the system and the task is understood as it stands: the bot asks
/// neither what the reporter was doing nor when "it" first happened, and goes on to what it still needs.
/// </summary>
public sealed class RequestConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "How do I set up an out-of-office reply in Outlook on the web?", "Does this stop you from working?")]
    [InlineData("zh-CN", "请问怎么在OA里设置审批代理人?我下周休年假", "无法工作")]
    [InlineData("en-US", "can u reset my password", "Does this stop you from working?")]
    public async Task A_how_to_question_or_a_request_goes_straight_to_what_is_still_needed(string locale, string report, string next)
    {
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(report);

        Assert.Contains(next, reporter.Last, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter.Texts, text => text.Contains("What were you doing", StringComparison.Ordinal)
            || text.Contains("first happen", StringComparison.Ordinal) || text.Contains("正在做什么", StringComparison.Ordinal)
            || text.Contains("第一次出现", StringComparison.Ordinal));
    }
}
