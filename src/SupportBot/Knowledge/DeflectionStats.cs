using SupportBot.Tickets;

namespace SupportBot.Knowledge;

/// <summary>One article's offers in a period.</summary>
internal sealed record ArticleDeflection(string Article, int Offered, int Accepted, int Declined, int NetAccepted);

/// <summary>
/// Deflection in a period: offers made, reports that ended in self-service, and the net figure, which leaves out a
/// self-service answer followed within <see cref="DeflectionStats.NetWindow"/> by a new report from the same person
/// about the same system (it did not really help).
/// </summary>
internal sealed record DeflectionSummary(int Offers, int SelfService, int NetSelfService, IReadOnlyList<ArticleDeflection> Articles);

internal sealed class DeflectionStats(IDeflectionStore deflections, ITicketStore tickets)
{
    public static readonly TimeSpan NetWindow = TimeSpan.FromHours(24);

    public DeflectionSummary For(DateTimeOffset from, DateTimeOffset to)
    {
        var records = deflections.Between(from, to).ToList();
        var net = records.Where(record => record.Outcome == DeflectionOutcome.Accepted && !ReportedAgain(record)).Select(record => record.Id).ToHashSet();
        var articles = records
            .SelectMany(record => record.Offered.Select(article => (article, record)))
            .GroupBy(pair => pair.article, StringComparer.Ordinal)
            .Select(group => new ArticleDeflection(
                group.Key,
                group.Count(),
                group.Count(pair => pair.record.Accepted == group.Key),
                group.Count(pair => pair.record.Outcome == DeflectionOutcome.Declined),
                group.Count(pair => pair.record.Accepted == group.Key && net.Contains(pair.record.Id))))
            .OrderByDescending(article => article.Offered)
            .ThenBy(article => article.Article, StringComparer.Ordinal)
            .ToList();
        return new DeflectionSummary(records.Count, records.Count(record => record.Outcome == DeflectionOutcome.Accepted), net.Count, articles);
    }

    /// <summary>The same person reported again about the same system (any system, when the offer knew none) within the window.</summary>
    private bool ReportedAgain(DeflectionRecord record)
    {
        var settled = record.SettledAt ?? record.OfferedAt;
        return tickets.Query(new TicketQuery { ReporterId = record.ReporterId, Limit = 1000 }).Any(ticket =>
            ticket.SubmittedAt > settled && ticket.SubmittedAt <= settled + NetWindow
            && (record.System is null || string.Equals(ticket.AffectedSystem?.Name, record.System, StringComparison.OrdinalIgnoreCase)));
    }
}
