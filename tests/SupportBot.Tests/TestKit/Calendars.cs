using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Tests.TestKit;

internal static class Calendars
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>The shipped SLA policy: the §3 table, the 2026 China office calendar, urgent round the clock.</summary>
    public static SlaPolicy SamplePolicy()
    {
        using var services = SampleConfiguration.Services(TimeProvider.System);
        return services.GetRequiredService<SlaPolicy>();
    }

    public static BusinessCalendar ChinaOffice() => SamplePolicy().CalendarFor(Priority.Medium);

    /// <summary>A Berlin office open Monday to Friday 08:00–17:00, plus the given Sunday hours.</summary>
    public static BusinessCalendar Berlin(params string[] sundayHours)
    {
        var weekday = new[] { new WorkingPeriod(TimeSpan.FromHours(8), TimeSpan.FromHours(17)) };
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = weekday, [DayOfWeek.Tuesday] = weekday, [DayOfWeek.Wednesday] = weekday,
            [DayOfWeek.Thursday] = weekday, [DayOfWeek.Friday] = weekday,
            [DayOfWeek.Sunday] = [.. sundayHours.Select(text => WorkingPeriod.TryParse(text, out var p) ? p : throw new ArgumentException(text))],
        };
        return new BusinessCalendar("berlin", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), week, [], [], []);
    }

    public static DateTimeOffset ChinaTime(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Shanghai);
}
