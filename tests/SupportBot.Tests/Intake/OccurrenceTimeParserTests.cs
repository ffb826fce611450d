using Microsoft.Extensions.Time.Testing;
using SupportBot.Intake;

namespace SupportBot.Tests.Intake;

/// <summary>Monday 2026-11-23, 10:30 in Shanghai: the reporter's "when did it happen?" answers.</summary>
public sealed class OccurrenceTimeParserTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly OccurrenceTimeParser _parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("just now", "2026-11-23 10:30")]
    [InlineData("刚才", "2026-11-23 10:30")]
    [InlineData("yesterday 3pm", "2026-11-22 15:00")]
    [InlineData("Yesterday at 3:45 PM", "2026-11-22 15:45")]
    [InlineData("今天上午10点", "2026-11-23 10:00")]
    [InlineData("今天早上9点半", "2026-11-23 09:30")]
    [InlineData("昨天下午3点", "2026-11-22 15:00")]
    [InlineData("昨晚八点一刻", "2026-11-22 20:15")]
    [InlineData("2 hours ago", "2026-11-23 08:30")]
    [InlineData("半小时前", "2026-11-23 10:00")]
    [InlineData("三天前", "2026-11-20 10:30")]
    [InlineData("2026-11-20 14:00", "2026-11-20 14:00")]
    [InlineData("11月20日下午2点", "2026-11-20 14:00")]
    [InlineData("Nov 20 at 9am", "2026-11-20 09:00")]
    [InlineData("last Friday", "2026-11-20 00:00")]
    [InlineData("上周五", "2026-11-20 00:00")]
    [InlineData("12月30日", "2025-12-30 00:00")]
    [InlineData("this morning", "2026-11-23 09:00")]
    public void Natural_answers_in_both_languages_become_a_time_in_the_reporters_zone(string answer, string expected)
    {
        var occurrence = _parser.Parse(answer, Shanghai);

        Assert.Equal(OccurrenceKind.Past, occurrence.Kind);
        Assert.Equal(expected, occurrence.At!.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(8), occurrence.At.Value.Offset);
    }

    [Theory]
    [InlineData("tomorrow 9am")]
    [InlineData("今天下午5点")]
    [InlineData("2026-12-01")]
    public void A_time_after_now_is_recognised_as_the_future(string answer)
    {
        Assert.Equal(OccurrenceKind.Future, _parser.Parse(answer, Shanghai).Kind);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("")]
    [InlineData("😭")]
    [InlineData("2026-02-30")]
    [InlineData("25:00")]
    public void Nonsense_is_unrecognised(string answer)
    {
        Assert.Equal(OccurrenceKind.Unrecognised, _parser.Parse(answer, Shanghai).Kind);
    }

    [Theory]
    [InlineData("今年3月")]
    [InlineData("昨天25点")]
    [InlineData("yesterday 25:00")]
    [InlineData("13pm")]
    [InlineData("NaN days ago")]
    [InlineData("1e308 days ago")]
    [InlineData("9999999 days ago")]
    [InlineData("-5 hours ago")]
    [InlineData("几天前")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("十十十点")]
    [InlineData("March")]
    [InlineData("\uFFFE")]
    public void What_it_cannot_read_with_confidence_is_asked_again_never_a_guess(string answer)
    {
        Assert.Equal(OccurrenceKind.Unrecognised, _parser.Parse(System.Text.RegularExpressions.Regex.Unescape(answer), Shanghai).Kind);
    }

    [Theory]
    [InlineData("明显是昨天", "2026-11-22 00:00")]
    [InlineData("2026-11-20T06:00:00Z", "2026-11-20 14:00")]
    [InlineData("2026-11-20T14:00:00+08:00", "2026-11-20 14:00")]
    [InlineData("2026-11-20 06:00 -00:00", "2026-11-20 14:00")]
    [InlineData("1.5 hours ago", "2026-11-23 09:00")]
    [InlineData("二十三天前", "2026-10-31 10:30")]
    [InlineData("前台电脑昨天下午3点", "2026-11-22 15:00")]
    public void Whole_words_bounded_numbers_and_written_offsets_are_read_as_meant(string answer, string expected)
    {
        var occurrence = _parser.Parse(answer, Shanghai);

        Assert.Equal(OccurrenceKind.Past, occurrence.Kind);
        Assert.Equal(expected, occurrence.At!.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("at 9", "2026-11-23 09:00", true)]
    [InlineData("at 9am", "2026-11-23 09:00", true)]
    [InlineData("today at 9", "2026-11-23 09:00", true)]
    [InlineData("around 10 o'clock", "2026-11-23 10:00", true)]
    [InlineData("yesterday at 3", "2026-11-22 15:00", true)]
    [InlineData("on 20/11", "2026-11-20 00:00", false)]
    [InlineData("20/11 at 14:00", "2026-11-20 14:00", true)]
    [InlineData("11/20 at 2pm", "2026-11-20 14:00", true)]
    [InlineData("20/11/2026 9:15", "2026-11-20 09:15", true)]
    [InlineData("今天上午9点", "2026-11-23 09:00", true)]
    [InlineData("昨天3点", "2026-11-22 15:00", true)]
    [InlineData("上周五", "2026-11-20 00:00", false)]
    public void Hours_without_am_pm_and_day_first_dates_are_read_as_a_service_desk_hears_them(string answer, string expected, bool hasTime)
    {
        var occurrence = _parser.Parse(answer, Shanghai);

        Assert.Equal((OccurrenceKind.Past, expected, hasTime, false), (occurrence.Kind, Local(occurrence), occurrence.HasTime, occurrence.Before));
    }

    [Theory]
    [InlineData("3/11", "2026-11-03 00:00")]
    [InlineData("11/3", "2026-11-03 00:00")]
    [InlineData("30/11", "2025-11-30 00:00")]
    public void A_date_that_reads_both_ways_is_the_most_recent_real_day(string answer, string expected)
    {
        Assert.Equal(expected, Local(_parser.Parse(answer, Shanghai)));
    }

    [Fact]
    public void Day_first_dates_and_times_read_on_the_day_the_brief_names()
    {
        var parser = new OccurrenceTimeParser(new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 1, 55, 0, TimeSpan.Zero)));

        Assert.Equal("2026-11-30 00:00", Local(parser.Parse("on 30/11", Shanghai)));
        Assert.Equal("2026-11-30 14:00", Local(parser.Parse("30/11 at 14:00", Shanghai)));
    }

    [Theory]
    [InlineData("before Friday", "2026-11-20 00:00", false)]
    [InlineData("sometime before last Friday", "2026-11-20 00:00", false)]
    [InlineData("周五之前", "2026-11-20 00:00", false)]
    [InlineData("在上周五以前", "2026-11-20 00:00", false)]
    [InlineData("before 9am", "2026-11-23 09:00", true)]
    [InlineData("今天上午9点前就有了", "2026-11-23 09:00", true)]
    public void Before_a_moment_is_kept_as_an_upper_bound_not_as_the_moment(string answer, string expected, bool hasTime)
    {
        var occurrence = _parser.Parse(answer, Shanghai);

        Assert.Equal((OccurrenceKind.Past, expected, hasTime, true), (occurrence.Kind, Local(occurrence), occurrence.HasTime, occurrence.Before));
        Assert.Equal(new SupportBot.Tickets.OccurrenceNote(answer, DayOnly: !hasTime, Before: true), occurrence.NoteOf(" " + answer + " "));
    }

    [Theory]
    [InlineData("三天前", "2026-11-20 10:30")]
    [InlineData("周五前后", "2026-11-20 00:00")]
    public void Ago_and_around_are_not_bounds(string answer, string expected)
    {
        var occurrence = _parser.Parse(answer, Shanghai);

        Assert.Equal((expected, false), (Local(occurrence), occurrence.Before));
    }

    [Theory]
    [InlineData("at 11")]
    [InlineData("before 5pm")]
    public void An_hour_still_ahead_today_is_the_future_and_asked_again(string answer)
    {
        Assert.Equal(OccurrenceKind.Future, _parser.Parse(answer, Shanghai).Kind);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("at 25")]
    [InlineData("31/31")]
    [InlineData("before")]
    [InlineData("之前")]
    public void A_bare_number_or_a_bound_without_a_moment_is_not_a_time(string answer)
    {
        Assert.Equal(OccurrenceKind.Unrecognised, _parser.Parse(answer, Shanghai).Kind);
    }

    private static string Local(Occurrence occurrence) =>
        occurrence.At?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "unrecognised";
}
