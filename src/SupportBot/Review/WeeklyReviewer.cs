using System.Globalization;
using Microsoft.Extensions.Options;
using SupportBot.Knowledge;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Review;

/// <summary>Computes a week's review figures from the ticket store (one pass over the tickets submitted in the period).</summary>
internal sealed class WeeklyReviewer(ITicketStore store, TicketService tickets, DeflectionStats deflection, IOptions<TicketsOptions> options)
{
    private const int Shown = 5;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>"2026-W48" → its Monday 00:00 to the next Monday, in the desk's time zone; null when it is no ISO week.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? WeekOf(string week)
    {
        if (week is not { Length: 8 } || week[4] != '-' || week[5] != 'W'
            || !int.TryParse(week.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(week.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }

        var monday = ISOWeek.ToDateTime(year, number, DayOfWeek.Monday);
        return (At(monday), At(monday.AddDays(7)));
    }

    public static string NameOf(DateTimeOffset localMonday) =>
        $"{ISOWeek.GetYear(localMonday.DateTime):D4}-W{ISOWeek.GetWeekOfYear(localMonday.DateTime):D2}";

    public WeeklyReview Review(string week, string? team)
    {
        var (from, to) = WeekOf(week) ?? throw new ArgumentException($"'{week}' is not an ISO week.", nameof(week));
        var previousFrom = At(TimeZoneInfo.ConvertTime(from, _zone).DateTime.AddDays(-7));
        return new WeeklyReview(Figures(week, from, to, team), Figures(NameOf(TimeZoneInfo.ConvertTime(previousFrom, _zone)), previousFrom, from, team));
    }

    private WeekFigures Figures(string week, DateTimeOffset from, DateTimeOffset to, string? team)
    {
        var opened = store.SubmittedBetween(from, to).Where(ticket => team is null || ticket.Team == team).ToList();
        var deadlines = opened.SelectMany(tickets.DeadlinesOf).Where(deadline => deadline.MetAt is { } met && met < to && deadline.Kind != DeadlineKind.Archive).ToList();
        return new WeekFigures
        {
            Week = week,
            From = from,
            To = to,
            Team = team,
            Opened = opened.Count,
            Closed = store.ClosedBetween(from, to).Count(ticket => team is null || ticket.Team == team),
            ByCategory = Counts(opened.Select(ticket => ticket.Category)),
            ByPriority = Counts(opened.Select(ticket => ticket.Priority.Key())),
            RecurringProblems = [.. opened
                .GroupBy(ticket => (System: ticket.AffectedSystem?.Name, Problem: ticket.Title))
                .Where(group => group.Count() > 1)
                .OrderByDescending(group => group.Count())
                .Take(Shown)
                .Select(group => new RecurringProblem(group.Key.System, group.Key.Problem, group.Count(), [.. group.Select(ticket => ticket.Number)]))],
            TopSystems = [.. Counts(opened.Select(ticket => ticket.AffectedSystem?.Name).OfType<string>()).Take(Shown)],
            FirstResponse = Duration(opened.Select(ticket => ticket.Milestones.FirstResponseAt - ticket.SubmittedAt)),
            Assignment = Duration(opened.Select(ticket => ticket.Milestones.AssignedAt - ticket.SubmittedAt)),
            Resolution = Duration(opened.Select(ticket => ticket.Milestones.ResolvedAt - ticket.SubmittedAt)),
            Compliance = [.. deadlines.GroupBy(deadline => deadline.Kind).OrderBy(group => group.Key).Select(group =>
                new ComplianceFigure(group.Key.ToString(), group.Count(), group.Count(deadline => !deadline.WasMetLate), Rate(group.Count(deadline => !deadline.WasMetLate), group.Count())))],
            ReopenRate = Rate(opened.Count(ticket => ticket.History.Any(entry => entry.What == HistoryKinds.Status && entry.After == nameof(TicketStatus.Reopened))), opened.Count),
            Satisfaction = Counts(opened.Select(ticket => ticket.Satisfaction?.Rating.ToString()).OfType<string>()),
            Comments = [.. opened.Select(ticket => ticket.Satisfaction?.Comment).OfType<string>().Where(comment => comment.Length > 0)],
            Deflection = team is null ? deflection.For(from, to) : null,
        };
    }

    private DateTimeOffset At(DateTime local) => new(local, _zone.GetUtcOffset(local));

    private static List<CountFigure> Counts(IEnumerable<string> keys) =>
        [.. keys.GroupBy(key => key, StringComparer.Ordinal).Select(group => new CountFigure(group.Key, group.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)];

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>Mean and the nearest-rank 90th percentile, in minutes.</summary>
    private static DurationFigure Duration(IEnumerable<TimeSpan?> spans)
    {
        var minutes = spans.OfType<TimeSpan>().Select(span => span.TotalMinutes).Order().ToList();
        if (minutes.Count == 0)
        {
            return new DurationFigure(0, null, null);
        }

        var rank = (int)Math.Ceiling(0.9 * minutes.Count) - 1;
        return new DurationFigure(minutes.Count, Math.Round(minutes.Average(), 2), Math.Round(minutes[rank], 2));
    }
}
