using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Tickets.Deadlines;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar China = ChinaOffice();

    public static TheoryData<string, DateTimeOffset, TimeSpan, DateTimeOffset> ChinaOfficeCases => new()
    {
        { "within the morning", ChinaTime(11, 23, 9, 10), TimeSpan.FromHours(2), ChinaTime(11, 23, 11, 10) },
        { "over the lunch break", ChinaTime(11, 23, 11, 30), TimeSpan.FromHours(1), ChinaTime(11, 23, 14, 0) },
        { "overnight", ChinaTime(11, 23, 17, 30), TimeSpan.FromHours(1), ChinaTime(11, 24, 9, 30) },
        { "submitted at night", ChinaTime(11, 23, 22, 0), TimeSpan.FromMinutes(15), ChinaTime(11, 24, 9, 15) },
        { "over the weekend", ChinaTime(11, 27, 17, 0), TimeSpan.FromHours(2), ChinaTime(11, 30, 10, 0) },
        { "3 a.m. on a Sunday", ChinaTime(11, 22, 3, 0), TimeSpan.FromMinutes(15), ChinaTime(11, 23, 9, 15) },
        { "into the National Day holiday", ChinaTime(9, 30, 17, 50), TimeSpan.FromMinutes(15), ChinaTime(10, 8, 9, 5) },
        { "onto a make-up Saturday (调休)", ChinaTime(10, 9, 17, 55), TimeSpan.FromMinutes(15), ChinaTime(10, 10, 9, 10) },
        { "ending exactly at closing time", ChinaTime(11, 23, 17, 0), TimeSpan.FromHours(1), ChinaTime(11, 23, 18, 0) },
    };

    [Theory]
    [MemberData(nameof(ChinaOfficeCases))]
    public void Add_ChinaOffice_SkipsNightsWeekendsHolidaysButNotMakeUpDays(string scenario, DateTimeOffset start, TimeSpan amount, DateTimeOffset expected)
    {
        Assert.True(expected == China.Add(start, amount), scenario);
    }

    [Fact]
    public void Add_InstantGivenInUtc_CountsInTheCalendarsOwnTimeZone()
    {
        // 17:00 UTC on Sunday is 01:00 on Monday in Shanghai.
        var start = new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(ChinaTime(11, 23, 9, 15), China.Add(start, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Measure_FridayAfternoonToMondayMorning_CountsOnlyOpeningHours()
    {
        Assert.Equal(TimeSpan.FromHours(3), China.Measure(ChinaTime(11, 27, 16, 0), ChinaTime(11, 30, 10, 0)));
    }

    [Fact]
    public void Add_WithAnExcludedSpan_MovesTheEndByTheBusinessTimeExcluded()
    {
        var paused = new TimeInterval(ChinaTime(11, 23, 10, 0), ChinaTime(11, 23, 11, 20));

        Assert.Equal(ChinaTime(11, 23, 16, 0), China.Add(ChinaTime(11, 23, 9, 10), TimeSpan.FromHours(4), [paused]));
    }

    [Fact]
    public void EndOfWorkingDaysAfter_ClosedOnFriday_IsClosingTimeOnTheThirdWorkingDay()
    {
        Assert.Equal(ChinaTime(12, 2, 18, 0), China.EndOfWorkingDaysAfter(ChinaTime(11, 27, 15, 0), 3));
    }

    [Fact]
    public void EndOfWorkingDaysAfter_OverSpringFestival_CountsTheMakeUpSaturday()
    {
        // Closed Thu 12 Feb: Fri 13 and the make-up Sat 14 work, 15–23 are holidays, Tue 24 is the third working day.
        Assert.Equal(ChinaTime(2, 24, 18, 0), China.EndOfWorkingDaysAfter(ChinaTime(2, 12, 15, 0), 3));
    }

    [Fact]
    public void Add_RoundTheClockInBerlinAcrossSpringForward_IsTwentyFourRealHours()
    {
        var sut = BusinessCalendar.RoundTheClock("24x7", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var saturdayNoon = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.FromHours(1));

        var due = sut.Add(saturdayNoon, TimeSpan.FromHours(24));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 13, 0, 0, TimeSpan.FromHours(2)), due);
        Assert.Equal(TimeSpan.FromHours(24), due - saturdayNoon);
    }

    [Fact]
    public void Add_BerlinOfficeAcrossSpringForward_OpensAtEightLocalOnMonday()
    {
        var fridayAfternoon = new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.FromHours(1));

        var due = Berlin().Add(fridayAfternoon, TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 11, 0, 0, TimeSpan.FromHours(2)), due);
    }

    [Fact]
    public void Add_BerlinOfficeAcrossFallBack_OpensAtEightLocalOnMonday()
    {
        var fridayAfternoon = new DateTimeOffset(2026, 10, 23, 16, 0, 0, TimeSpan.FromHours(2));

        var due = Berlin().Add(fridayAfternoon, TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 11, 0, 0, TimeSpan.FromHours(1)), due);
    }

    [Theory]
    [InlineData(3, 29, 5)]
    [InlineData(10, 25, 7)]
    [InlineData(11, 1, 6)]
    public void Measure_NightShiftOnTheNightOfADstChange_IsAsLongAsTheNightReallyIs(int month, int day, int expectedHours)
    {
        var sut = Berlin("00:00-06:00");
        var saturdayEvening = new DateTimeOffset(2026, month, day, 18, 0, 0, TimeSpan.Zero).AddDays(-1);

        Assert.Equal(TimeSpan.FromHours(expectedHours), sut.Measure(saturdayEvening, saturdayEvening.AddHours(20)));
    }
}
