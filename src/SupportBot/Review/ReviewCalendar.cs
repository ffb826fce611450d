using System.Globalization;
using Microsoft.Extensions.Options;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary>Who a weekly review is for: one team (its leads), or all teams (the administrators, <c>Team</c> null).</summary>
internal sealed record ReviewAudience(string? Team)
{
    public static ReviewAudience Desk { get; } = new((string?)null);

    /// <summary>The audience's name in keys and triggers: the team's key, or <c>*</c> for all teams.</summary>
    public string Key => Team ?? "*";

    public static ReviewAudience FromKey(string key) => key == "*" ? Desk : new ReviewAudience(key);
}

/// <summary>
/// The weekly review's calendar: each team's time zone (<c>Roster:Teams:N:TimeZone</c>, else <c>Tickets:TimeZone</c>,
/// which is also the all-teams review's), ISO weeks read in it, and when the review of a week falls due
/// (<c>Review:Day</c> at <c>Review:Time</c> in that zone, for the ISO week before).
/// </summary>
internal sealed class ReviewCalendar(SupportRoster roster, IOptions<TicketsOptions> tickets, IOptions<ReviewOptions> options)
{
    private readonly TimeZoneInfo _desk = TimeZoneInfo.FindSystemTimeZoneById(tickets.Value.TimeZone);

    public IEnumerable<ReviewAudience> Audiences =>
        [.. roster.Teams.Select(team => new ReviewAudience(team.Key)).OrderBy(a => a.Key, StringComparer.Ordinal), ReviewAudience.Desk];

    public TimeZoneInfo ZoneOf(string? team) =>
        team is not null && roster.FindTeam(team)?.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : _desk;

    /// <summary>"2026-W48" → its Monday 00:00 to the next Monday in <paramref name="zone"/>; null when it is no ISO week.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? WeekOf(string week, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (week is not { Length: 8 } || week[4] != '-' || week[5] != 'W'
            || !int.TryParse(week.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(week.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }

        var monday = ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
        return (At(monday, zone), At(monday.AddDays(7), zone));
    }

    /// <summary>The ISO week a local day belongs to, as "2026-W48".</summary>
    public static string NameOf(DateTime localDay) => $"{ISOWeek.GetYear(localDay):D4}-W{ISOWeek.GetWeekOfYear(localDay):D2}";

    /// <summary>The ISO week <paramref name="weeks"/> before <paramref name="week"/> (negative: after).</summary>
    public static string Before(string week, int weeks = 1)
    {
        var monday = ISOWeek.ToDateTime(int.Parse(week.AsSpan(0, 4), CultureInfo.InvariantCulture), int.Parse(week.AsSpan(6, 2), CultureInfo.InvariantCulture), DayOfWeek.Monday);
        return NameOf(monday.AddDays(-7 * weeks));
    }

    /// <summary>The latest review time of <paramref name="audience"/> at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LatestDue(ReviewAudience audience, DateTimeOffset now) => NextDue(audience, now.AddDays(-7).AddTicks(1));

    /// <summary>The first review time of <paramref name="audience"/> after <paramref name="after"/>.</summary>
    public DateTimeOffset NextDue(ReviewAudience audience, DateTimeOffset after)
    {
        var zone = ZoneOf(audience.Team);
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var day = local.Date.AddDays(((int)options.Value.Day - (int)local.DayOfWeek + 7) % 7);
        for (var candidate = day; ; candidate = candidate.AddDays(7))
        {
            var due = At(candidate + options.Value.TimeOfDay.ToTimeSpan(), zone);
            if (due > after)
            {
                return due;
            }
        }
    }

    /// <summary>The week a review sent at <paramref name="due"/> is about: the ISO week before the one it is sent in.</summary>
    public string WeekReviewedAt(ReviewAudience audience, DateTimeOffset due) =>
        NameOf(TimeZoneInfo.ConvertTime(due, ZoneOf(audience.Team)).DateTime.Date.AddDays(-7));

    /// <summary>A local wall-clock time as an instant; a time a DST change skips is read an hour later.</summary>
    public static DateTimeOffset At(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
