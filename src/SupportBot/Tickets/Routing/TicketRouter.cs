namespace SupportBot.Tickets.Routing;

internal enum RoutingReason
{
    /// <summary>Urgent tickets go at once to the team's senior engineer (product.md §4).</summary>
    UrgentToSenior,

    /// <summary>The engineer of the team with the fewest open tickets.</summary>
    LeastLoaded,

    /// <summary>Left in the team's triage queue for someone to take.</summary>
    TeamQueue,
}

internal sealed record RoutingDecision(string Team, string? Assignee, RoutingReason Reason);

/// <summary>category → team; urgent → the team's senior; others → least loaded engineer or the team queue.</summary>
internal sealed class TicketRouter(SupportRoster roster, CategoryCatalog categories)
{
    public string TeamFor(string category) => categories.TeamFor(category);

    /// <summary>Where a new ticket goes; <paramref name="openTicketsByEngineer"/> lacks engineers with no open tickets.</summary>
    public RoutingDecision Route(string category, Priority priority, IReadOnlyDictionary<string, int> openTicketsByEngineer)
    {
        ArgumentNullException.ThrowIfNull(openTicketsByEngineer);
        var teamKey = categories.TeamFor(category);
        var team = roster.FindTeam(teamKey)
            ?? throw new InvalidOperationException($"Category '{category}' routes to unknown team '{teamKey}'; configuration validation should have caught this.");

        int Load(Engineer engineer) => openTicketsByEngineer.GetValueOrDefault(engineer.Id);

        // Ties go to the engineer listed first, so routing is predictable for a given roster.
        Engineer? LeastLoaded(IEnumerable<Engineer> candidates) =>
            candidates.Select((engineer, order) => (engineer, order))
                .OrderBy(c => Load(c.engineer)).ThenBy(c => c.order)
                .Select(c => c.engineer).FirstOrDefault();

        if (priority == Priority.Urgent && LeastLoaded(team.Members.Where(m => m.IsSenior)) is { } senior)
        {
            return new RoutingDecision(team.Key, senior.Id, RoutingReason.UrgentToSenior);
        }

        if (team.Assignment == AssignmentMode.Queue && priority != Priority.Urgent)
        {
            return new RoutingDecision(team.Key, null, RoutingReason.TeamQueue);
        }

        // Leads coordinate and receive escalations; they take tickets only when nobody else is on the team.
        var engineers = team.Members.Where(m => !m.IsLead).ToList();
        var assignee = LeastLoaded(engineers.Count > 0 ? engineers : team.Members);
        return assignee is null
            ? new RoutingDecision(team.Key, null, RoutingReason.TeamQueue)
            : new RoutingDecision(team.Key, assignee.Id, RoutingReason.LeastLoaded);
    }
}
