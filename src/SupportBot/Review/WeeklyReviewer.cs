using SupportBot.Describing;
using SupportBot.Knowledge;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Review;

/// <summary>
/// Computes a week's review figures from the ticket store (one pass over the outlines of the tickets submitted in the
/// period, <see cref="TicketOutline"/>), the week read in the team's own time zone (<see cref="ReviewCalendar"/>).
/// </summary>
internal sealed class WeeklyReviewer(ITicketStore store, TicketService tickets, DeflectionStats deflection, KnowledgeSlots slots, SystemsCatalogue systems, ReviewCalendar calendar)
{
    private const int Shown = 5;

    /// <summary>"2026-W48" → its Monday 00:00 to the next Monday in the team's (or the desk's) zone; null when it is no ISO week.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? WeekOf(string week, string? team = null) => ReviewCalendar.WeekOf(week, calendar.ZoneOf(team));

    public TimeZoneInfo ZoneOf(string? team) => calendar.ZoneOf(team);

    public WeeklyReview Review(string week, string? team)
    {
        var zone = calendar.ZoneOf(team);

        // The two weeks read disjoint index ranges and share nothing but the thread-safe analyser: one on each core.
        // Each enumeration stays on the thread that opened it (the store's threading rule).
        WeekFigures? asked = null, before = null;
        Parallel.Invoke(() => asked = Figures(week, team, zone), () => before = Figures(ReviewCalendar.Before(week), team, zone));
        return new WeeklyReview(asked!, before!);
    }

    /// <summary>Overall deadline compliance for <paramref name="weeks"/> weeks up to and including <paramref name="week"/>, oldest first.</summary>
    public IReadOnlyList<CompliancePoint> ComplianceTrend(string week, string? team, int weeks = 8)
    {
        var zone = calendar.ZoneOf(team);
        return [.. Enumerable.Range(0, weeks).Reverse().Select(back => ReviewCalendar.Before(week, back)).Select(name =>
        {
            var (from, to) = ReviewCalendar.WeekOf(name, zone)!.Value;
            var settled = Deadlines(Opened(from, to, team), to);
            return new CompliancePoint(name, Rate(settled.Count(deadline => !deadline.WasMetLate), settled.Count), settled.Count);
        })];
    }

    private List<TicketOutline> Opened(DateTimeOffset from, DateTimeOffset to, string? team) =>
        [.. store.OutlinesSubmittedBetween(from, to).Where(ticket => team is null || ticket.Team == team)];

    private List<Deadline> Deadlines(List<TicketOutline> opened, DateTimeOffset to) =>
        [.. opened.SelectMany(tickets.DeadlinesOf).Where(deadline => deadline.MetAt is { } met && met < to && deadline.Kind != DeadlineKind.Archive)];

    private WeekFigures Figures(string week, string? team, TimeZoneInfo zone)
    {
        var (from, to) = ReviewCalendar.WeekOf(week, zone) ?? throw new ArgumentException($"'{week}' is not an ISO week.", nameof(week));
        var opened = Opened(from, to, team);
        var closed = store.OutlinesClosedBetween(from, to).Where(ticket => team is null || ticket.Team == team).ToList();
        var deadlines = Deadlines(opened, to);
        return new WeekFigures
        {
            Week = week,
            From = from,
            To = to,
            Team = team,
            Opened = opened.Count,
            Closed = closed.Count,
            ByCategory = Counts(opened.Select(ticket => ticket.Category)),
            ByPriority = Counts(opened.Select(ticket => ticket.Priority.Key())),
            ClosedByCategory = Counts(closed.Select(ticket => ticket.Category)),
            ClosedByPriority = Counts(closed.Select(ticket => ticket.Priority.Key())),
            RecurringProblems = Recurring(opened),
            TopSystems = [.. Counts(opened.Select(ticket => ticket.System).OfType<string>()).Take(Shown)],
            FirstResponse = Duration(opened.Select(ticket => ticket.Milestones.FirstResponseAt - ticket.SubmittedAt)),
            Assignment = Duration(opened.Select(ticket => ticket.Milestones.AssignedAt - ticket.SubmittedAt)),
            Resolution = Duration(opened.Select(ticket => ticket.Milestones.ResolvedAt - ticket.SubmittedAt)),
            Compliance = [.. deadlines.GroupBy(deadline => deadline.Kind).OrderBy(group => group.Key).Select(group =>
                new ComplianceFigure(group.Key.ToString(), group.Count(), group.Count(deadline => !deadline.WasMetLate), Rate(group.Count(deadline => !deadline.WasMetLate), group.Count())))],
            ReopenRate = Rate(opened.Count(ticket => ticket.WasReopened), opened.Count),
            Satisfaction = Counts(opened.Select(ticket => ticket.Satisfaction?.Rating.ToString()).OfType<string>()),
            Comments = [.. opened.Select(ticket => ticket.Satisfaction?.Comment).OfType<string>().Where(comment => comment.Length > 0)],
            Deflection = team is null ? deflection.For(from, to) : null,
        };
    }

    /// <summary>
    /// Groups by system and error code (the strongest evidence of one problem), else by system and symptom, else by
    /// system and title, as the description analyser reads them. Only systems with two tickets or more are read: a
    /// ticket alone on its system cannot recur.
    /// </summary>
    private List<RecurringProblem> Recurring(List<TicketOutline> opened)
    {
        var candidates = opened.GroupBy(ticket => ticket.System?.ToLowerInvariant()).Where(group => group.Key is null || group.Count() > 1).SelectMany(group => group);
        return [.. candidates
            .Select(ticket => (Ticket: ticket, Key: ProblemOf(ticket)))
            .GroupBy(pair => pair.Key)
            .Where(group => group.Count() > 1)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.First().Ticket.Number, StringComparer.Ordinal)
            .Take(Shown)
            .Select(group => new RecurringProblem(group.First().Ticket.System ?? SystemName(group.Key.System), group.Key.Problem, group.Count(), [.. group.Select(pair => pair.Ticket.Number).Order(StringComparer.Ordinal)])
            {
                By = group.Key.By,
                Title = group.First().Ticket.Title,
            })];
    }

    /// <summary>
    /// The name people know a system read from the words by: the analyser's key is folded to lower case for matching
    /// ("crm"), the catalogue keeps its spelling ("CRM").
    /// </summary>
    private string? SystemName(string? key) => key is null ? null : systems.Find(key)?.Name ?? key;

    private (string? System, string Problem, string By) ProblemOf(TicketOutline ticket)
    {
        // Read once when the ticket was filed; a ticket from before that is read now, the same way.
        var read = ticket.Slots ?? slots.Read(ticket.Description, ticket.System);
        return read switch
        {
            { ErrorCode: { } code } => (read.System, code, "errorCode"),
            { Symptom: { Length: > 0 } symptom } => (read.System, symptom.Trim().ToLowerInvariant(), "symptom"),
            _ => (read.System, ticket.Title.Trim(), "title"),
        };
    }

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
