using SupportBot.Knowledge;

namespace SupportBot.Review;

/// <summary>Mean and 90th percentile of a duration, in minutes, over the tickets that reached the milestone.</summary>
internal sealed record DurationFigure(int Count, double? MeanMinutes, double? P90Minutes);

/// <summary>One deadline kind's record: deadlines settled in the week, how many on time, and the share.</summary>
internal sealed record ComplianceFigure(string Kind, int Settled, int OnTime, double? Rate);

/// <summary>A problem seen more than once: the same system and error code (or, without a code, the same title).</summary>
internal sealed record RecurringProblem(string? System, string Problem, int Count, IReadOnlyList<string> Tickets);

internal sealed record CountFigure(string Key, int Count);

/// <summary>
/// A week of one team (or all teams): what the weekly review card, page and API show. Opened figures are over the
/// tickets submitted in the week; closed counts the tickets closed in the week, whenever they were submitted.
/// </summary>
internal sealed record WeekFigures
{
    public required string Week { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public string? Team { get; init; }
    public required int Opened { get; init; }
    public required int Closed { get; init; }
    public required IReadOnlyList<CountFigure> ByCategory { get; init; }
    public required IReadOnlyList<CountFigure> ByPriority { get; init; }
    public required IReadOnlyList<RecurringProblem> RecurringProblems { get; init; }
    public required IReadOnlyList<CountFigure> TopSystems { get; init; }
    public required DurationFigure FirstResponse { get; init; }
    public required DurationFigure Assignment { get; init; }
    public required DurationFigure Resolution { get; init; }
    public required IReadOnlyList<ComplianceFigure> Compliance { get; init; }
    public required double? ReopenRate { get; init; }
    public required IReadOnlyList<CountFigure> Satisfaction { get; init; }
    public required IReadOnlyList<string> Comments { get; init; }

    /// <summary>Offers and self-service during intake; only in the all-teams review (an offer has no team yet).</summary>
    public DeflectionSummary? Deflection { get; init; }
}

/// <summary>The week asked for and the one before it, for the change.</summary>
internal sealed record WeeklyReview(WeekFigures Week, WeekFigures Previous);
