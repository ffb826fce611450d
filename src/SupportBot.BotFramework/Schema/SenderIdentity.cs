namespace SupportBot.BotFramework.Schema;

/// <summary>
/// Who sent an activity, as one id unique across channels. In Teams it is the user's Entra (AAD) object id, the id
/// a tenant's rosters hold. Every other channel's user ids are only unique within that channel and are chosen by
/// the channel's client (a web site names its visitors), so they are qualified with the channel,
/// <c>webchat:crm-4711</c>: a web visitor named with an administrator's object id is still not the administrator.
/// </summary>
public static class SenderIdentity
{
    private const char Separator = ':';

    /// <summary>The sender's id across channels; null when the activity names no sender.</summary>
    public static string? SenderId(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelId == Channels.MsTeams
            ? activity.From?.AadObjectId ?? Qualify(activity.ChannelId, activity.From?.Id)
            : Qualify(activity.ChannelId, activity.From?.Id);
    }

    /// <summary>The channel's own user id inside a qualified id (what the channel's conversation references hold).</summary>
    public static string LocalId(string channelId, string senderId)
    {
        ArgumentNullException.ThrowIfNull(senderId);
        var prefix = (channelId ?? "") + Separator;
        return senderId.StartsWith(prefix, StringComparison.Ordinal) ? senderId[prefix.Length..] : senderId;
    }

    private static string? Qualify(string? channelId, string? userId) =>
        userId is null ? null : $"{channelId ?? "unknown"}{Separator}{userId}";
}
