using SupportBot.Common;
using SupportBot.Localization;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Numbering;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets;

/// <remarks>
/// Reads the roster's team keys straight from configuration: going through <c>IOptions&lt;RosterOptions&gt;</c>
/// would throw here whenever the roster itself is invalid, hiding this section's own problems.
/// </remarks>
internal sealed class TicketsOptionsValidator(IConfiguration configuration) : OptionsValidator<TicketsOptions>
{
    private const string Section = TicketsOptions.SectionName;

    protected override void Validate(TicketsOptions options, List<string> errors)
    {
        if (!TicketNumberFormat.TryCreate(options.NumberPattern, out _, out var patternError))
        {
            errors.Add($"{Section}:NumberPattern {patternError}.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"{Section}:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Asia/Shanghai).");
        }

        if (options.Categories.Count == 0)
        {
            errors.Add($"{Section}:Categories must list at least one category.");
        }

        var roster = configuration.GetSection(RosterOptions.SectionName).Get<RosterOptions>() ?? new RosterOptions();
        var teams = roster.Teams.Select(t => t.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Categories.Count; i++)
        {
            var category = options.Categories[i];
            var path = $"{Section}:Categories:{i}";
            if (string.IsNullOrWhiteSpace(category.Key) || !seen.Add(category.Key))
            {
                errors.Add($"{path}:Key must be present and unique, not '{category.Key}'.");
            }

            if (!teams.Contains(category.Team))
            {
                errors.Add($"{path}:Team '{category.Team}' is not a team under {RosterOptions.SectionName}:Teams.");
            }

            NamesValidation.RequireBothLanguages($"{path}:Names", category.Names, errors);
        }

        var asked = options.AskEnvironmentFor ?? [];
        for (var i = 0; i < asked.Count; i++)
        {
            if (!seen.Contains(asked[i]))
            {
                errors.Add($"{Section}:AskEnvironmentFor:{i} '{asked[i]}' is not a category under {Section}:Categories.");
            }
        }
    }
}

internal sealed class RosterOptionsValidator : OptionsValidator<RosterOptions>
{
    private const string Section = RosterOptions.SectionName;

    protected override void Validate(RosterOptions options, List<string> errors)
    {
        if (options.Teams.Count == 0)
        {
            errors.Add($"{Section}:Teams must list at least one team.");
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Teams.Count; i++)
        {
            var team = options.Teams[i];
            var path = $"{Section}:Teams:{i}";
            if (string.IsNullOrWhiteSpace(team.Key) || !keys.Add(team.Key))
            {
                errors.Add($"{path}:Key must be present and unique, not '{team.Key}'.");
            }

            NamesValidation.RequireBothLanguages($"{path}:Names", team.Names, errors);
            if (!string.IsNullOrWhiteSpace(team.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(team.TimeZone, out _))
            {
                errors.Add($"{path}:TimeZone '{team.TimeZone}' is not a known time zone (use an IANA id such as Europe/Berlin).");
            }

            if (team.Members.Count == 0)
            {
                errors.Add($"{path}:Members must list at least one engineer.");
            }

            var ids = new HashSet<string>();
            for (var j = 0; j < team.Members.Count; j++)
            {
                var member = team.Members[j];
                if (string.IsNullOrWhiteSpace(member.Id) || !ids.Add(member.Id))
                {
                    errors.Add($"{path}:Members:{j}:Id must be present and unique within the team, not '{member.Id}'.");
                }

                if (string.IsNullOrWhiteSpace(member.Name))
                {
                    errors.Add($"{path}:Members:{j}:Name must be present.");
                }
            }
        }
    }
}

internal sealed class SlaOptionsValidator : OptionsValidator<SlaOptions>
{
    protected override void Validate(SlaOptions options, List<string> errors) => SlaPolicyBuilder.TryBuild(options, errors);
}

internal static class NamesValidation
{
    public static void RequireBothLanguages(string path, Dictionary<string, string> names, List<string> errors)
    {
        foreach (var language in Localizer.Languages.Where(language => string.IsNullOrWhiteSpace(names.GetValueOrDefault(language))))
        {
            errors.Add($"{path}:{language} must give the name in {language}.");
        }
    }
}
