using Microsoft.Extensions.Options;

namespace SupportBot.Tickets.Routing;

internal sealed record Engineer(string Id, string Name, string TeamKey, bool IsSenior, bool IsLead, string Locale, IReadOnlyList<string> Skills);

/// <summary>A team as configured; <c>TimeZone</c> is its own calendar (its weekly review), or null for the desk's.</summary>
internal sealed record SupportTeam(string Key, IReadOnlyDictionary<string, string> Names, string? TriageChannelId, AssignmentMode Assignment, IReadOnlyList<Engineer> Members, string? TimeZone = null);

/// <summary>The validated roster as the rest of the app reads it: who is on which team, who leads, who administers.</summary>
internal sealed class SupportRoster
{
    private readonly Dictionary<string, SupportTeam> _teams;
    private readonly HashSet<string> _admins;

    public SupportRoster(IOptions<RosterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _admins = [.. value.Admins];
        Admins = [.. value.Admins.Distinct(StringComparer.Ordinal)];
        _teams = value.Teams.ToDictionary(
            team => team.Key,
            team => new SupportTeam(
                team.Key,
                team.Names,
                team.TriageChannelId,
                team.Assignment,
                [.. team.Members.Select(m => new Engineer(m.Id, m.Name, team.Key, m.Senior, m.Lead, m.Locale, m.Skills))],
                string.IsNullOrWhiteSpace(team.TimeZone) ? null : team.TimeZone),
            StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<SupportTeam> Teams => _teams.Values;

    public SupportTeam? FindTeam(string key) => _teams.GetValueOrDefault(key);

    public Engineer? FindEngineer(string id) =>
        _teams.Values.SelectMany(team => team.Members).FirstOrDefault(member => member.Id == id);

    public bool IsAdmin(string id) => _admins.Contains(id);

    /// <summary>The administrators (<c>Roster:Admins</c>), in configuration order: they get the all-teams weekly review.</summary>
    public IReadOnlyList<string> Admins { get; }

    public bool IsLead(string id) => _teams.Values.Any(team => team.Members.Any(member => member.Id == id && member.IsLead));

    /// <summary>The team's name in <paramref name="locale"/>'s language, or its key when it has none.</summary>
    public string TeamName(string teamKey, string locale) =>
        FindTeam(teamKey)?.Names.GetValueOrDefault(Localization.Localizer.Normalize(locale)) ?? teamKey;

    public bool IsMemberOf(string id, string teamKey) =>
        FindTeam(teamKey)?.Members.Any(member => member.Id == id) ?? false;
}
