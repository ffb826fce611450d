using Microsoft.Extensions.Options;
using SupportBot.Tickets.Routing;

namespace SupportBot.Intake;

/// <summary>
/// Configuration section <c>Intake</c>. <see cref="OnBehalfTeams"/>: the teams whose engineers may file for someone else
/// (<c>report for …</c>, seeds 001/004: 接口人 / 服务台专员 record what comes by phone, e-mail or in person). Null: the
/// service desk alone. A default list here would be appended to by the binder, so the default is applied when read.
/// </summary>
internal sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    public List<string>? OnBehalfTeams { get; set; }

    public IReadOnlyList<string> FilingTeams() => OnBehalfTeams ?? ["servicedesk"];
}

/// <remarks>Reads the roster's team keys from configuration, as the tickets' validator does, so a broken roster is reported once.</remarks>
internal sealed class IntakeOptionsValidator(IConfiguration configuration) : Common.OptionsValidator<IntakeOptions>
{
    protected override void Validate(IntakeOptions options, List<string> errors)
    {
        var roster = configuration.GetSection(RosterOptions.SectionName).Get<RosterOptions>() ?? new RosterOptions();
        var teams = options.OnBehalfTeams ?? [];
        for (var i = 0; i < teams.Count; i++)
        {
            if (!roster.Teams.Any(known => string.Equals(known.Key, teams[i], StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{IntakeOptions.SectionName}:OnBehalfTeams:{i} '{teams[i]}' is not a team under {RosterOptions.SectionName}:Teams.");
            }
        }
    }
}

/// <summary>Who may file for someone else: an engineer of one of the configured teams, in their personal Teams chat.</summary>
internal sealed class OnBehalfFiling(IOptions<IntakeOptions> options, SupportRoster roster)
{
    public bool MayFile(string senderId) => options.Value.FilingTeams().Any(team => roster.IsMemberOf(senderId, team));
}

/// <summary>Finds a Teams user SupportBot knows (they have chatted with it) by the display name an engineer typed.</summary>
internal interface IKnownTeamsUsers
{
    /// <summary>The AAD object id of the one person of that name; null when nobody, or more than one, has it.</summary>
    Task<string?> FindByNameAsync(string name);
}

/// <summary>What the engineer says about the caller while filing for them, kept in the form.</summary>
internal sealed record OnBehalfForm
{
    public required string CallerName { get; init; }
    public required string FiledById { get; init; }
    public required string FiledByName { get; init; }

    /// <summary>Set once the engineer has said whether the caller is an employee or a customer.</summary>
    public bool KindGiven { get; init; }

    /// <summary>phone, email, walkIn or chat; null until asked.</summary>
    public string? CameBy { get; init; }

    /// <summary>Optional (seed 004: 紧急联系人手机); empty when skipped, null until asked.</summary>
    public string? EmergencyContact { get; init; }
}

internal static class CameByChannels
{
    public static readonly string[] All = ["phone", "email", "walkIn", "chat"];
}
