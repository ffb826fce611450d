using SupportBot.Tickets.Numbering;

namespace SupportBot.Tests.Tickets.Numbering;

public sealed class TicketNumberFormatTests
{
    private static readonly DateOnly Day = new(2023, 10, 25);

    [Theory]
    [InlineData(1, "TS-20231025-001")]
    [InlineData(42, "TS-20231025-042")]
    [InlineData(999, "TS-20231025-999")]
    [InlineData(1000, "TS-20231025-1000")]
    [InlineData(123456, "TS-20231025-123456")]
    public void Format_DefaultPattern_PadsToThreeDigitsAndGrowsPast999(int serial, string expected)
    {
        var sut = TicketNumberFormat.Create("TS-{date:yyyyMMdd}-{seq:000}");

        Assert.Equal(expected, sut.Format(Day, serial));
        Assert.True(sut.TryParse(expected, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Format_SeedFourPattern_UsesSixDigitSerialWithoutSeparators()
    {
        var sut = TicketNumberFormat.Create("TS{date:yyyyMMdd}{seq:000000}");

        Assert.Equal("TS20231027000001", sut.Format(new DateOnly(2023, 10, 27), 1));
        Assert.True(sut.TryParse("TS20231027000001", out _));
    }

    [Theory]
    [InlineData(" ts-20231025-007 ", "TS-20231025-007")]
    [InlineData("TS-20231025-0007", "TS-20231025-007")]
    public void TryParse_TypedByAPerson_ReturnsTheCanonicalNumber(string typed, string canonical)
    {
        var sut = TicketNumberFormat.Create("TS-{date:yyyyMMdd}-{seq:000}");

        Assert.True(sut.TryParse(typed, out var parsed));
        Assert.Equal(canonical, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TS-2023102-001")]
    [InlineData("TS-20231325-001")]
    [InlineData("TS-20231025-01")]
    [InlineData("TS-20231025-000")]
    [InlineData("XX-20231025-001")]
    [InlineData("TS-20231025-001; DROP")]
    public void TryParse_MalformedNumber_IsRejected(string text)
    {
        var sut = TicketNumberFormat.Create("TS-{date:yyyyMMdd}-{seq:000}");

        Assert.False(sut.TryParse(text, out _));
    }

    [Theory]
    [InlineData("TS-{seq:000}")]
    [InlineData("TS-{date:yyyyMMdd}")]
    [InlineData("TS-{date:yyyy-MM-dd}-{seq:000}")]
    [InlineData("TS-{date:MMdd}-{seq:000}")]
    [InlineData("TS-{seq:000}-{date:yyyyMMdd}")]
    public void TryCreate_BadPattern_SaysWhatIsWrong(string pattern)
    {
        Assert.False(TicketNumberFormat.TryCreate(pattern, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
