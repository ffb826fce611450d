using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>A team's triage channel: the Teams channel new tickets of the team are posted to.</summary>
internal sealed record TriageChannel(string Team, string ChannelId, string ServiceUrl, string ConversationId, string Locale, string? BotId, string? TenantId);

/// <summary>Settings for reaching Teams without an inbound message (section <c>Teams</c>).</summary>
internal sealed class TeamsReachOptions
{
    /// <summary>
    /// Where to post to a triage channel named only in configuration, before anyone wrote from it. A channel bound
    /// with the admin command uses the service URL its own messages carried.
    /// </summary>
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public string TriageLocale { get; set; } = Localizer.Chinese;
}

/// <summary>Triage channels bound from chat, kept by the storage engine; the key is the team's key in upper case.</summary>
internal interface ITriageChannelStore
{
    TriageChannel? Find(string key);

    void Save(string key, TriageChannel channel);
}

/// <summary>
/// Where each team's triage channel is: bound from chat by an administrator (stored, and preferred), or named in
/// configuration (<c>Roster:Teams:N:TriageChannelId</c>).
/// </summary>
internal sealed class TriageChannels
{
    private readonly ITriageChannelStore _bindings;
    private readonly SupportRoster _roster;
    private readonly TeamsReachOptions _reach;
    private readonly string? _botId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TriageChannel?> _bound = new(StringComparer.Ordinal);

    public TriageChannels(ITriageChannelStore bindings, SupportRoster roster, IOptions<TeamsReachOptions> reach, IOptions<BotFramework.Hosting.BotFrameworkOptions> bot)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(reach);
        ArgumentNullException.ThrowIfNull(bot);
        _bindings = bindings;
        _roster = roster;
        _reach = reach.Value;
        _botId = string.IsNullOrEmpty(bot.Value.AppId) ? null : $"28:{bot.Value.AppId}";
    }

    /// <summary>
    /// The bound channel of a team, read from the store once and then kept: every notification and every ticket's
    /// reminder plan asks, and a binding changes only through <see cref="Bind"/> on this instance.
    /// </summary>
    public TriageChannel? Find(string team)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (_bound.GetOrAdd(team.ToUpperInvariant(), _bindings.Find) is { } bound)
        {
            return bound;
        }

        return _roster.FindTeam(team) is { TriageChannelId: { Length: > 0 } configured } found
            ? new TriageChannel(found.Key, Channels.MsTeams, _reach.ServiceUrl, configured, _reach.TriageLocale, _botId, null)
            : null;
    }

    /// <summary>Makes the Teams channel <paramref name="activity"/> came from the triage channel of <paramref name="team"/>.</summary>
    public TriageChannel Bind(SupportTeam team, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(activity);
        var channel = new TriageChannel(
            team.Key,
            activity.ChannelId ?? Channels.MsTeams,
            activity.ServiceUrl ?? _reach.ServiceUrl,
            ChannelConversationId(activity),
            Localizer.Normalize(activity.Locale),
            activity.Recipient?.Id,
            activity.Conversation?.TenantId);
        _bindings.Save(team.Key.ToUpperInvariant(), channel);
        _bound[team.Key.ToUpperInvariant()] = channel;
        return channel;
    }

    /// <summary>
    /// The channel itself rather than the thread the command was written in: Teams names it in
    /// <c>channelData.channel.id</c>, so a new post starts a new thread instead of replying to the command.
    /// </summary>
    private static string ChannelConversationId(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } data
            && data.TryGetProperty("channel", out var channel) && channel.ValueKind == System.Text.Json.JsonValueKind.Object
            && channel.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String && id.GetString() is { Length: > 0 } channelId)
        {
            return channelId;
        }

        return activity.Conversation?.Id ?? throw new ArgumentException("The activity names no conversation.", nameof(activity));
    }
}
