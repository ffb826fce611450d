using SupportBot.Tickets;

namespace SupportBot.Tests.Intake;

/// <summary>
/// The "when did it first happen?" answer over real HTTP, Monday 2026-11-23 09:30 in Shanghai: what the reporter says is
/// what the confirmation card shows and the ticket keeps, a bound as a bound and a clock hour as that hour.
/// </summary>
public sealed class OccurrenceConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "before Friday", "Sometime before Fri 20 Nov 2026 (“before Friday”)", true)]
    [InlineData("zh-CN", "周五之前", "2026年11月20日 星期五之前的某个时候(“周五之前”)", true)]
    [InlineData("en-US", "at 9", "Mon 23 Nov 2026, 09:00", false)]
    public async Task The_time_answer_is_shown_on_the_card_and_kept_on_the_ticket_as_said(string locale, string answer, string shown, bool before)
    {
        var visitor = ScriptedReporter.Customer(_app, locale);
        var english = locale == "en-US";
        await visitor.SayAsync(english ? "printer jammed on floor 3" : "3楼的打印机卡纸了");
        await visitor.SayAsync(english ? "none" : "没有");
        Assert.Contains(english ? "When did it first happen" : "第一次出现", visitor.Last, StringComparison.Ordinal);

        await visitor.SayAsync(answer);
        await AnswerUpToTheCardAsync(visitor, english);

        Assert.Contains(shown, visitor.CardTexts());
        await visitor.ClickAsync(visitor.CardAction("submit"));
        var ticket = await _app.TicketAsync("TS-20261123-001");
        Assert.Equal(new OccurrenceNote(answer, DayOnly: before, Before: before), ticket.OccurredAtNote);
        Assert.Equal(before ? new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8)) : new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), ticket.OccurredAt);
    }

    [Fact]
    public async Task Editing_the_time_to_dont_know_on_the_card_withdraws_the_bound_given_before()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("printer jammed on floor 3");
        await visitor.SayAsync("none");
        await visitor.SayAsync("before Friday");
        await AnswerUpToTheCardAsync(visitor, english: true);

        Assert.Contains("Sometime before Fri 20 Nov 2026 (“before Friday”)", visitor.CardTexts());
        await visitor.ClickAsync(visitor.CardAction("edit", "OccurredAt"));
        await visitor.SayAsync("don't know");

        Assert.DoesNotContain(visitor.CardTexts(), text => text.Contains("Friday", StringComparison.Ordinal));
        await visitor.ClickAsync(visitor.CardAction("submit"));
        var ticket = await _app.TicketAsync("TS-20261123-001");
        Assert.Equal((null, null), (ticket.OccurredAt, ticket.OccurredAtNote));
    }

    [Theory]
    [InlineData("en-US", "by Friday")]
    [InlineData("en-US", "end of the week")]
    [InlineData("zh-CN", "周五前")]
    [InlineData("zh-CN", "本周内")]
    public async Task By_when_it_is_needed_reads_a_named_day_as_the_coming_one(string locale, string answer)
    {
        var visitor = ScriptedReporter.Customer(_app, locale);
        var english = locale == "en-US";
        await visitor.SayAsync(english ? "printer jammed on floor 3" : "3楼的打印机卡纸了");
        await visitor.SayAsync(english ? "none" : "没有");
        await visitor.SayAsync(english ? "just now" : "刚才");
        await AnswerUpToTheCardAsync(visitor, english);

        await visitor.ClickAsync(visitor.CardAction("edit", "ExpectedBy"));
        await visitor.SayAsync(english ? "whenever you like" : "随便");
        Assert.Contains(english ? "“by Friday”" : "“周五前”", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync(answer);
        if (english)
        {
            Assert.Contains("Fri 27 Nov 2026, 23:59", visitor.CardTexts());
        }

        await visitor.ClickAsync(visitor.CardAction("submit"));
        var ticket = await _app.TicketAsync("TS-20261123-001");
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 23, 59, 0, TimeSpan.FromHours(8)), ticket.ExpectedResolutionAt);
    }

    /// <summary>The questions after the time (category, impact, contact), answered with the first offer or a plain detail.</summary>
    private static async Task AnswerUpToTheCardAsync(ScriptedReporter visitor, bool english)
    {
        for (var turn = 0; turn < 10 && visitor.LastCard() is null; turn++)
        {
            await visitor.SayAsync(visitor.Last switch
            {
                var q when q.Contains(english ? "customer number" : "客户编号", StringComparison.Ordinal) => "C-20931",
                var q when q.Contains(english ? "phone" : "电话", StringComparison.Ordinal) => "+86 21 5555 0100",
                _ when visitor.QuickReplies() is { Count: > 0 } replies => replies[0],
                _ => english ? "Li Na, Contoso" : "李娜,康托索公司",
            });
        }
    }
}
