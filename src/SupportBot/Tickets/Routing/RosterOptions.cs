namespace SupportBot.Tickets.Routing;

/// <summary>Teams, their engineers and the administrators (configuration section <c>Roster</c>).</summary>
internal sealed class RosterOptions
{
    public const string SectionName = "Roster";

    /// <summary>Channel ids (AAD object ids in Teams) of administrators, who may act on every ticket.</summary>
    public List<string> Admins { get; set; } = [];

    public List<TeamOptions> Teams { get; set; } = [];
}

internal sealed class TeamOptions
{
    public string Key { get; set; } = "";
    public Dictionary<string, string> Names { get; set; } = [];

    /// <summary>The Teams channel new tickets of this team are posted to; can also be bound from chat by an admin.</summary>
    public string? TriageChannelId { get; set; }

    public AssignmentMode Assignment { get; set; } = AssignmentMode.LeastLoaded;

    /// <summary>The IANA time zone of the team's own calendar (its weekly review); empty = <c>Tickets:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    public List<EngineerOptions> Members { get; set; } = [];
}

internal sealed class EngineerOptions
{
    /// <summary>The AAD object id in Teams.</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Locale { get; set; } = "zh-CN";
    public bool Senior { get; set; }
    public bool Lead { get; set; }
    public List<string> Skills { get; set; } = [];
}

internal enum AssignmentMode
{
    /// <summary>Non-urgent tickets go to the engineer of the team with the fewest open tickets.</summary>
    LeastLoaded,

    /// <summary>Non-urgent tickets stay unassigned in the team's triage channel until someone takes them.</summary>
    Queue,
}
