using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Intake;

/// <summary>
/// "Talk to a person" after three unusable answers really reaches the service desk: its triage channel hears who is
/// asking, how to reach them and what they said, with their words escaped; the reporter's report carries on.
/// </summary>
public sealed class PersonHandoffTests : IAsyncLifetime
{
    private const string DeskChannel = "19:servicedesk-triage@thread.tacv2";
    private FakeChannel? _channel;
    private SupportBotApplication? _app;

    private async Task<SupportBotApplication> StartAsync()
    {
        _channel = await FakeChannel.StartAsync();
        _app = new SupportBotApplication(new Dictionary<string, string?>
        {
            ["Roster:Teams:0:TriageChannelId"] = DeskChannel,
            ["Teams:ServiceUrl"] = _channel.ServiceUrl,
            ["Teams:TriageLocale"] = "en-US",
        });
        return _app;
    }

    [Theory]
    [InlineData("en-US", Channels.WebChat, "banana", "Talk to a person", "I've noted that you'd like to talk to a person")]
    [InlineData("zh-CN", Channels.MsTeams, "香蕉", "转人工", "已记录您希望与人工沟通")]
    public async Task The_desk_hears_who_asked_and_what_they_said_and_the_report_goes_on(string locale, string channelId, string nonsense, string person, string told)
    {
        var app = await StartAsync();
        var reporter = channelId == Channels.MsTeams
            ? ScriptedReporter.Employee(app, locale, name: "张伟 <b>Zhang</b>")
            : ScriptedReporter.Customer(app, locale, name: "Ann [Lee](http://evil.example)");
        await reporter.SayAsync("printer jammed on floor 3 [click](http://evil.example)");
        await reporter.SayAsync(locale == "en-US" ? "none" : "没有");
        for (var i = 0; i < 3; i++)
        {
            await reporter.SayAsync(nonsense);
        }

        Assert.Contains(person, reporter.QuickReplies());
        await reporter.SayAsync(person);
        Assert.StartsWith(told, reporter.Texts[0], StringComparison.Ordinal);

        var posted = Assert.Single(_channel!.Messages, call => call.Path.Contains(DeskChannel, StringComparison.Ordinal));
        Assert.StartsWith("**A reporter asks to talk to a person.**", posted.Text, StringComparison.Ordinal);
        Assert.Contains(@"printer jammed on floor 3 \[click\](http\://evil.example)", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\[(click|Lee)\]", posted.Text!);
        Assert.DoesNotContain("<b>", posted.Text, StringComparison.Ordinal);

        // The question is asked again, and skipping it carries the report on to the next one.
        await reporter.SayAsync(locale == "en-US" ? "Skip" : "跳过");
        Assert.Contains(locale == "en-US" ? "Does this stop you from working?" : "无法工作", reporter.Last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", new[] { "转人工" }, "已记录您希望与人工沟通", "请用您自己的话描述问题")]
    [InlineData("en-US", new[] { "CRM problem", "I want to talk to a person" }, "I've noted that you'd like to talk to a person", "What were you doing in CRM")]
    public async Task A_person_asked_for_in_plain_words_at_any_point_reaches_the_desk(string locale, string[] messages, string told, string question)
    {
        var app = await StartAsync();
        var reporter = ScriptedReporter.Customer(app, locale);
        foreach (var message in messages)
        {
            await reporter.SayAsync(message);
        }

        Assert.Contains(reporter.Texts, text => text.StartsWith(told, StringComparison.Ordinal));
        Assert.Contains(question, reporter.Last, StringComparison.Ordinal);
        Assert.Single(_channel!.Messages, call => call.Path.Contains(DeskChannel, StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // IAsyncLifetime, not IAsyncDisposable: xunit 2 never calls a test class's DisposeAsync, and each case's app then
    // ran its outbox, reminders and Quartz threads until the test process ended.
    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }
}
