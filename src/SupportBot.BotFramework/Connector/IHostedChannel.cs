using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Connector;

/// <summary>
/// A channel that lives inside this process (the Direct Line server for Web Chat): the adapter hands it the bot's
/// activities for its conversations instead of calling a remote Connector service.
/// </summary>
public interface IHostedChannel
{
    /// <summary>True when <paramref name="serviceUrl"/> is this channel's: the service URL it stamps on every inbound activity.</summary>
    bool Hosts(string? serviceUrl);

    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken);
}
