using System.Globalization;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary>One figure as people read it: its name, its value this week, and the change against the week before.</summary>
internal sealed record ReviewRow(string Label, string Value, string Change);

/// <summary>
/// A recurring problem as people read it. <see cref="Problem"/>, <see cref="System"/> and <see cref="Title"/> are reporters'
/// words: escape them where they are shown. Without a system, <see cref="System"/> says so in the reader's language.
/// </summary>
internal sealed record ProblemRow(string System, string Problem, string By, string? Title, int Count, IReadOnlyList<string> Tickets, string Change);

/// <summary>
/// A weekly review in one language, figure by figure with its change: what the card and the page both show, made
/// once so the two cannot disagree. Texts are raw; each renderer escapes reporters' words its own way.
/// </summary>
internal sealed record ReviewView
{
    public required string Locale { get; init; }
    public required string Heading { get; init; }
    public required string Period { get; init; }
    public required IReadOnlyList<ReviewRow> Summary { get; init; }
    public required IReadOnlyList<ReviewRow> ByCategory { get; init; }
    public required IReadOnlyList<ReviewRow> ByPriority { get; init; }
    public required IReadOnlyList<ProblemRow> Recurring { get; init; }
    public required IReadOnlyList<ReviewRow> TopSystems { get; init; }
    public required IReadOnlyList<ReviewRow> Times { get; init; }
    public required IReadOnlyList<ReviewRow> Compliance { get; init; }
    public required IReadOnlyList<ReviewRow> Satisfaction { get; init; }
    public required IReadOnlyList<string> Comments { get; init; }

    /// <summary>Offers and self-service (the all-teams review), or empty with <see cref="DeflectionNote"/> for a team.</summary>
    public required IReadOnlyList<ReviewRow> Deflection { get; init; }

    public string? DeflectionNote { get; init; }
}

/// <summary>Turns <see cref="WeeklyReview"/> figures into a <see cref="ReviewView"/> in the reader's language.</summary>
internal sealed class ReviewPresenter(Localizer localizer, SupportRoster roster, CategoryCatalog categories, ReviewCalendar calendar)
{
    public ReviewView Present(WeeklyReview review, string locale)
    {
        ArgumentNullException.ThrowIfNull(review);
        var language = Localizer.Normalize(locale);
        string L(string key, params object?[] args) => localizer.Get(language, key, args);
        var (week, previous) = (review.Week, review.Previous);
        var zone = calendar.ZoneOf(week.Team);
        var culture = Localizer.Culture(language);
        var from = TimeZoneInfo.ConvertTime(week.From, zone).ToString("yyyy-MM-dd", culture);
        var to = TimeZoneInfo.ConvertTime(week.To.AddDays(-1), zone).ToString("yyyy-MM-dd", culture);
        return new ReviewView
        {
            Locale = language,
            Heading = L("review.heading", week.Team is { } team ? roster.TeamName(team, language) : L("review.allTeams"), week.Week),
            Period = L("review.period", from, to, zone.Id),
            Summary =
            [
                new(L("review.opened"), Count(week.Opened), Change(week.Opened, previous.Opened, language)),
                new(L("review.closed"), Count(week.Closed), Change(week.Closed, previous.Closed, language)),
                new(L("review.reopenRate"), Percent(week.ReopenRate, language), Points(week.ReopenRate, previous.ReopenRate, language)),
                new(L("review.compliance.overall"), Percent(week.OverallCompliance, language), Points(week.OverallCompliance, previous.OverallCompliance, language)),
            ],
            ByCategory = Split(week.ByCategory, week.ClosedByCategory, previous.ByCategory, key => CategoryName(key, language), language),
            ByPriority = Split(week.ByPriority, week.ClosedByPriority, previous.ByPriority, key => PriorityName(key, language), language),
            Recurring = [.. week.RecurringProblems.Select(problem => new ProblemRow(
                problem.System ?? L("review.recurring.noSystem"), problem.Problem, L($"review.recurring.by.{problem.By}"), problem.Title, problem.Count, problem.Tickets,
                previous.RecurringProblems.FirstOrDefault(p => string.Equals(p.System, problem.System, StringComparison.OrdinalIgnoreCase) && p.Problem == problem.Problem) is { } before
                    ? Change(problem.Count, before.Count, language)
                    : L("review.change.new")))],
            TopSystems = [.. week.TopSystems.Select(system => new ReviewRow(system.Key, Count(system.Count), Change(system.Count, CountOf(previous.TopSystems, system.Key), language)))],
            Times =
            [
                Time(L("review.firstResponse"), week.FirstResponse, previous.FirstResponse, language),
                Time(L("review.assignment"), week.Assignment, previous.Assignment, language),
                Time(L("review.resolution"), week.Resolution, previous.Resolution, language),
            ],
            Compliance = [.. week.Compliance.Select(kind => new ReviewRow(
                L($"deadline.{kind.Kind}"),
                L("review.compliance.line", Percent(kind.Rate, language), kind.OnTime, kind.Settled),
                Points(kind.Rate, previous.Compliance.FirstOrDefault(p => p.Kind == kind.Kind)?.Rate, language)))],
            Satisfaction = [.. Enum.GetNames<Tickets.SatisfactionRating>().Select(rating => new ReviewRow(
                L($"rating.{rating}"), Count(CountOf(week.Satisfaction, rating)), Change(CountOf(week.Satisfaction, rating), CountOf(previous.Satisfaction, rating), language)))],
            Comments = week.Comments,
            Deflection = week.Deflection is { } deflection && previous.Deflection is var before2
                ?
                [
                    new(L("review.deflection.offers"), Count(deflection.Offers), Change(deflection.Offers, before2?.Offers ?? 0, language)),
                    new(L("review.deflection.selfService"), Count(deflection.SelfService), Change(deflection.SelfService, before2?.SelfService ?? 0, language)),
                    new(L("review.deflection.net"), Count(deflection.NetSelfService), Change(deflection.NetSelfService, before2?.NetSelfService ?? 0, language)),
                ]
                : [],
            DeflectionNote = week.Deflection is null ? L("review.deflection.desk") : null,
        };
    }

    private List<ReviewRow> Split(IReadOnlyList<CountFigure> opened, IReadOnlyList<CountFigure> closed, IReadOnlyList<CountFigure> before, Func<string, string> name, string language) =>
        [.. opened.Select(f => f.Key).Union(closed.Select(f => f.Key), StringComparer.Ordinal).Select(key => new ReviewRow(
            name(key), $"{Count(CountOf(opened, key))} / {Count(CountOf(closed, key))}", Change(CountOf(opened, key), CountOf(before, key), language)))];

    private ReviewRow Time(string label, DurationFigure now, DurationFigure before, string language)
    {
        var value = localizer.Get(language, "review.meanP90", Span(now.MeanMinutes, language), Span(now.P90Minutes, language));
        if (now.MeanMinutes is not { } mean || before.MeanMinutes is not { } earlier)
        {
            return new(label, value, now.MeanMinutes is null ? localizer.Get(language, "review.none") : localizer.Get(language, "review.change.new"));
        }

        var delta = mean - earlier;
        return new(label, value, Math.Abs(delta) < 0.05 ? localizer.Get(language, "review.change.none") : localizer.Get(language, "review.change", Signed(Span(Math.Abs(delta), language), delta)));
    }

    public string Span(double? minutes, string language) => minutes switch
    {
        null => localizer.Get(language, "review.none"),
        < 60 => localizer.Get(language, "review.minutes", Math.Round(minutes.Value, 1).ToString("0.#", CultureInfo.InvariantCulture)),
        < 1440 => localizer.Get(language, "review.hours", (minutes.Value / 60).ToString("0.#", CultureInfo.InvariantCulture)),
        _ => localizer.Get(language, "review.days", (minutes.Value / 1440).ToString("0.#", CultureInfo.InvariantCulture)),
    };

    public string Percent(double? rate, string language) =>
        rate is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : localizer.Get(language, "review.none");

    private string Change(int now, int before, string language) =>
        now == before ? localizer.Get(language, "review.change.none") : localizer.Get(language, "review.change", Signed(Math.Abs(now - before).ToString(CultureInfo.InvariantCulture), now - before));

    private string Points(double? now, double? before, string language)
    {
        if (now is not { } value || before is not { } earlier)
        {
            return now is null ? localizer.Get(language, "review.none") : localizer.Get(language, "review.change.new");
        }

        var delta = Math.Round((value - earlier) * 100, 1);
        return delta == 0 ? localizer.Get(language, "review.change.none")
            : localizer.Get(language, "review.change", Signed(localizer.Get(language, "review.points", Math.Abs(delta).ToString("0.#", CultureInfo.InvariantCulture)), delta));
    }

    private static string Signed(string magnitude, double delta) => (delta > 0 ? "+" : "−") + magnitude;

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static int CountOf(IReadOnlyList<CountFigure> figures, string key) => figures.FirstOrDefault(f => f.Key == key)?.Count ?? 0;

    public string CategoryName(string key, string language) =>
        categories.All.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase))?.Names.GetValueOrDefault(language) ?? key;

    public string PriorityName(string key, string language) =>
        Tickets.PriorityNames.TryParse(key, out var priority) ? localizer.Get(language, $"priority.{priority}") : key;
}
