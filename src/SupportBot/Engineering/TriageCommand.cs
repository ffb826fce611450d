using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// "@SupportBot bind triage network" (or "绑定分诊 network") in a Teams channel: an administrator makes that channel
/// the team's triage channel, where its new tickets appear from then on.
/// </summary>
internal sealed partial class TriageCommand(TriageChannels channels, SupportRoster roster, Localizer localizer)
{
    /// <summary>The answer to a bind command, or null when the text is not one.</summary>
    public string? TryHandle(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var match = Bind().Match(activity.Text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }

        var locale = Localizer.Normalize(activity.Locale ?? Localizer.LanguageOf(activity.Text));
        var who = activity.SenderId() ?? "";
        if (!roster.IsAdmin(who))
        {
            return localizer.Get(locale, "triage.bind.notAdmin");
        }

        var name = match.Groups["team"].Value.Trim();
        var team = roster.FindTeam(name) ?? roster.Teams.FirstOrDefault(t => t.Names.Values.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
        if (team is null)
        {
            return localizer.Get(locale, "triage.bind.unknownTeam", name, string.Join(", ", roster.Teams.Select(t => t.Key)));
        }

        channels.Bind(team, activity);
        return localizer.Get(locale, "triage.bind.done", team.Names.GetValueOrDefault(locale) ?? team.Key);
    }

    [GeneratedRegex(@"^(?:bind\s+triage|绑定分诊(?:频道)?)\s*(?<team>\S.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Bind();
}
