using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Intake;
using SupportBot.Localization;

namespace SupportBot.Tests.Intake;

/// <summary>
/// Monday 2026-11-23, 10:30 in Shanghai: the answers to "by when do you need it solved?". Named days are the coming
/// ones, a day alone means by its end, and the examples the bot itself gives are ones it understands.
/// </summary>
public sealed partial class DeadlineParserTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero));
    private readonly Localizer _localizer = new();

    [GeneratedRegex("“([^”]+)”")]
    private static partial Regex Quoted();

    [Theory]
    [InlineData("by Friday", "2026-11-27 23:59")]
    [InlineData("Friday", "2026-11-27 23:59")]
    [InlineData("before Friday", "2026-11-27 23:59")]
    [InlineData("this Friday 5pm", "2026-11-27 17:00")]
    [InlineData("by Monday", "2026-11-23 23:59")]
    [InlineData("next Monday", "2026-11-30 23:59")]
    [InlineData("by next Wednesday", "2026-12-02 23:59")]
    [InlineData("end of the week", "2026-11-27 23:59")]
    [InlineData("by the end of this week", "2026-11-27 23:59")]
    [InlineData("end of day", "2026-11-23 23:59")]
    [InlineData("end of the month", "2026-11-30 23:59")]
    [InlineData("next week", "2026-12-04 23:59")]
    [InlineData("tomorrow 5pm", "2026-11-24 17:00")]
    [InlineData("by tomorrow", "2026-11-24 23:59")]
    [InlineData("30/11", "2026-11-30 23:59")]
    [InlineData("Dec 2", "2026-12-02 23:59")]
    [InlineData("周五前", "2026-11-27 23:59")]
    [InlineData("周五之前", "2026-11-27 23:59")]
    [InlineData("这周五下午5点", "2026-11-27 17:00")]
    [InlineData("下周一", "2026-11-30 23:59")]
    [InlineData("下周一之前解决", "2026-11-30 23:59")]
    [InlineData("本周内", "2026-11-27 23:59")]
    [InlineData("月底前", "2026-11-30 23:59")]
    [InlineData("今天下班前", "2026-11-23 23:59")]
    [InlineData("明天下午5点", "2026-11-24 17:00")]
    [InlineData("11月30日", "2026-11-30 23:59")]
    public void A_deadline_is_read_forward_in_both_languages(string answer, string expected)
    {
        var deadline = new OccurrenceTimeParser(_clock).Deadline(answer, Shanghai);

        Assert.Equal(OccurrenceKind.Future, deadline.Kind);
        Assert.Equal(expected, deadline.At!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(8), deadline.At.Value.Offset);
    }

    [Fact]
    public void On_the_day_named_by_Friday_is_that_same_Friday_and_next_Friday_the_week_after()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
        var parser = new OccurrenceTimeParser(_clock);

        Assert.Equal(new DateTime(2026, 11, 27, 23, 59, 0), parser.Deadline("by Friday", Shanghai).At!.Value.DateTime);
        Assert.Equal(new DateTime(2026, 12, 4, 23, 59, 0), parser.Deadline("下周五", Shanghai).At!.Value.DateTime);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("today 9am")]
    [InlineData("banana")]
    [InlineData("")]
    public void A_time_already_gone_or_no_time_is_not_a_deadline(string answer)
    {
        Assert.NotEqual(OccurrenceKind.Future, new OccurrenceTimeParser(_clock).Deadline(answer, Shanghai).Kind);
    }

    [Fact]
    public void The_occurrence_parser_still_reads_a_named_day_as_the_past_one()
    {
        var parser = new OccurrenceTimeParser(_clock);

        Assert.Equal(new DateTime(2026, 11, 20), parser.Parse("before Friday", Shanghai).At!.Value.Date);
        Assert.Equal(OccurrenceKind.Past, parser.Parse("30/11", Shanghai).Kind);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public void Every_example_in_the_expected_by_prompts_is_read_as_a_deadline(string locale)
    {
        var parser = new OccurrenceTimeParser(_clock);
        var examples = Examples(locale, "intake.ask.expectedBy", "intake.retry.expectedBy");

        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.Equal(OccurrenceKind.Future, parser.Deadline(example, Shanghai).Kind));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public void Every_example_in_the_retry_after_an_unreadable_time_is_read_as_a_past_time(string locale)
    {
        var parser = new OccurrenceTimeParser(_clock);
        var examples = Examples(locale, "intake.retry.occurredAt", "intake.ask.occurredAt");

        Assert.Contains(examples, example => example is "before Friday" or "周五之前");
        Assert.All(examples, example => Assert.Equal(OccurrenceKind.Past, parser.Parse(example, Shanghai).Kind));
    }

    /// <summary>The quoted examples of the prompts, without the ways out ("skip", "don't know").</summary>
    private List<string> Examples(string locale, params string[] keys) =>
    [
        .. keys.SelectMany(key => Quoted().Matches(_localizer.Get(locale, key)).Select(match => match.Groups[1].Value))
            .Where(example => example is not ("skip" or "跳过" or "don't know" or "不知道")),
    ];
}
