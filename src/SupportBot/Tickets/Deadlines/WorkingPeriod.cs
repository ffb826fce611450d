using System.Globalization;

namespace SupportBot.Tickets.Deadlines;

/// <summary>Opening hours within one local day, e.g. 09:00–12:00; <see cref="End"/> may be 24:00.</summary>
internal readonly record struct WorkingPeriod(TimeSpan Start, TimeSpan End)
{
    public static bool TryParse(string? text, out WorkingPeriod period)
    {
        period = default;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not [var from, var to] || !TryParseClock(from, out var start) || !TryParseClock(to, out var end) || end <= start)
        {
            return false;
        }

        period = new WorkingPeriod(start, end);
        return true;
    }

    private static bool TryParseClock(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        var ok = TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock);
        time = clock.ToTimeSpan();
        return ok;
    }
}

/// <summary>A half-open span of time [Start, End) between two instants.</summary>
internal readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}
