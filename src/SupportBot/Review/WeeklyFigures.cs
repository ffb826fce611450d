using SupportBot.Knowledge;

namespace SupportBot.Review;

/// <summary>Mean and 90th percentile of a duration, in minutes, over the tickets that reached the milestone.</summary>
internal sealed record DurationFigure(int Count, double? MeanMinutes, double? P90Minutes);

/// <summary>One deadline kind's record: deadlines settled in the week, how many on time, and the share.</summary>
internal sealed record ComplianceFigure(string Kind, int Settled, int OnTime, double? Rate);

/// <summary>
/// A problem seen more than once in the week: the same system and the same error code, else the same symptom, else
/// the same title (<see cref="By"/> says which). <see cref="Problem"/> and <see cref="Title"/> are reporters' words.
/// </summary>
internal sealed record RecurringProblem(string? System, string Problem, int Count, IReadOnlyList<string> Tickets)
{
    /// <summary><c>errorCode</c>, <c>symptom</c> or <c>title</c>.</summary>
    public string By { get; init; } = "title";

    /// <summary>The title of the group's first ticket, for a reader who does not know the code.</summary>
    public string? Title { get; init; }
}

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
    public IReadOnlyList<CountFigure> ClosedByCategory { get; init; } = [];
    public IReadOnlyList<CountFigure> ClosedByPriority { get; init; } = [];
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

    /// <summary>All deadline kinds together: settled on time over settled, or null when none was settled.</summary>
    public double? OverallCompliance =>
        Compliance.Sum(c => c.Settled) is var settled and > 0 ? Math.Round((double)Compliance.Sum(c => c.OnTime) / settled, 4) : null;
}

/// <summary>The week asked for and the one before it, for the change.</summary>
internal sealed record WeeklyReview(WeekFigures Week, WeekFigures Previous);

/// <summary>One week's overall deadline compliance, a point of the page's eight-week line.</summary>
internal sealed record CompliancePoint(string Week, double? Rate, int Settled);
