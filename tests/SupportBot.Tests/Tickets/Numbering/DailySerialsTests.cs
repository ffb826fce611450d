using SupportBot.Tickets.Numbering;

namespace SupportBot.Tests.Tickets.Numbering;

/// <summary>Serials are handed out without gaps: a rolled-back creation's serial and a crash's holes are taken again first.</summary>
public sealed class DailySerialsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public void Take_AfterARollback_HandsTheSameSerialToTheNextCreation()
    {
        var sut = new DailySerials(_ => (0, []));
        var first = sut.Take(Day);
        var second = sut.Take(Day);

        sut.GiveBack(Day, first);

        Assert.Equal([1, 2, 1, 3], [first, second, sut.Take(Day), sut.Take(Day)]);
    }

    [Fact]
    public void Take_AfterACrashLeftHoles_FillsThemBeforeContinuingTheDay()
    {
        // Serials 2 and 4 were taken by turns that died before their commit; 1, 3 and 5 were committed.
        var sut = new DailySerials(day => day == Day ? (5, [1, 3, 5]) : (0, []));

        Assert.Equal([2, 4, 6], [sut.Take(Day), sut.Take(Day), sut.Take(Day)]);
        Assert.Equal(1, sut.Take(Day.AddDays(1)));
    }
}
