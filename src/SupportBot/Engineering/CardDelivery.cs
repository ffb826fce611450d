using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Tickets;
using SupportBot.Common;

namespace SupportBot.Engineering;

/// <summary>
/// Puts messages and cards into conversations without an inbound turn (proactive messages) and replaces posted
/// cards in place. Each post is recorded so the next change of the ticket can refresh it.
/// </summary>
internal sealed partial class CardDelivery(CloudAdapter adapter, IConversationReferenceStore references, ICardPostStore posts, ILogger<CardDelivery> log)
{
    public Task<ConversationReference?> PersonalChatAsync(string channelId, string userId) => references.FindPersonalAsync(channelId, userId);

    public Task<ConversationReference?> ConversationAsync(string channelId, string conversationId) => references.FindAsync(channelId, conversationId);

    /// <summary>Where the reporter filed the ticket (Teams chat or Web Chat conversation), else their personal chat.</summary>
    public Task<ConversationReference?> ReporterChatAsync(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.ReporterConversation is { } address
            ? references.FindAsync(address.ChannelId, address.ConversationId)
            : PersonalChatOfReporterAsync(ticket.Reporter);
    }

    private Task<ConversationReference?> PersonalChatOfReporterAsync(Reporter reporter)
    {
        var channel = reporter.Kind == ReporterKind.Employee ? Channels.MsTeams : Channels.WebChat;
        return references.FindPersonalAsync(channel, SenderIdentity.LocalId(channel, reporter.Id));
    }

    public static ConversationReference ReferenceOf(TriageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new ConversationReference
        {
            ChannelId = channel.ChannelId,
            ServiceUrl = channel.ServiceUrl,
            Conversation = new ConversationAccount { Id = channel.ConversationId, ConversationType = "channel", IsGroup = true, TenantId = channel.TenantId },
            Bot = channel.BotId is null ? null : new ChannelAccount { Id = channel.BotId },
            Locale = channel.Locale,
        };
    }

    /// <summary>Sends <paramref name="activity"/>; with <paramref name="record"/>, keeps where its card went. False when it failed (logged).</summary>
    /// <remarks>
    /// Delivering an outbox row (<see cref="OutboxAttempt"/>), a send that went out in an earlier try is skipped, the
    /// try's timeout applies, and a failure worth retrying is thrown so the row is tried again later.
    /// </remarks>
    public async Task<bool> SendAsync(ConversationReference reference, Activity activity, Func<string, CardPost>? record = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var attempt = OutboxAttempt.Current;
        if (attempt?.AlreadySent() == true)
        {
            return true;
        }

        try
        {
            string? id = null;
            await adapter.ContinueConversationAsync(reference, async (turn, ct) => id = (await turn.SendActivityAsync(activity, ct)).Id, attempt?.Token ?? CancellationToken.None);
            if (record is not null && !string.IsNullOrEmpty(id))
            {
                posts.Add(record(id) with { Text = activity.Text });
            }

            attempt?.Sent();
            return true;
        }
        catch (Exception error) when (Failed(error, attempt, reference.ChannelId))
        {
            return false;
        }
    }

    /// <summary>Replaces a posted card with <paramref name="card"/>.</summary>
    public async Task UpdateAsync(CardPost post, Attachment card)
    {
        ArgumentNullException.ThrowIfNull(post);
        var attempt = OutboxAttempt.Current;
        if (attempt?.AlreadySent() == true)
        {
            return;
        }

        var reference = new ConversationReference
        {
            ChannelId = post.ChannelId,
            ServiceUrl = post.ServiceUrl,
            Conversation = new ConversationAccount { Id = post.ConversationId, TenantId = post.TenantId },
            Bot = post.BotId is null ? null : new ChannelAccount { Id = post.BotId },
            Locale = post.Locale,
        };
        try
        {
            await adapter.ContinueConversationAsync(
                reference,
                (turn, ct) => turn.UpdateActivityAsync(new Activity { Type = ActivityTypes.Message, Id = post.ActivityId, Text = post.Text, Attachments = [card] }, ct),
                attempt?.Token ?? CancellationToken.None);
            attempt?.Sent();
        }
        catch (Exception error) when (Failed(error, attempt, post.ChannelId))
        {
            UpdateFailed(log, post.Number, post.Audience, error.Message);
        }
    }

    /// <summary>
    /// True (logged, counted as done) when a failed send is to be given up: a person who blocked the bot, or a channel
    /// that is down, must not stop the others from hearing. False (thrown on) when an outbox try may succeed later.
    /// </summary>
    private bool Failed(Exception error, OutboxAttempt? attempt, string? channelId)
    {
        if (error is not (HttpRequestException or InvalidOperationException or OperationCanceledException))
        {
            return false;
        }

        if (attempt is not null && OutboxAttempt.IsTransient(error, attempt.Token))
        {
            return false;
        }

        SendFailed(log, BotFramework.Hosting.LogValue.Of(channelId), error.Message);
        attempt?.Sent();
        return true;
    }

    public IReadOnlyList<CardPost> PostsOf(string number) => posts.For(number);

    public static Func<string, CardPost> Post(string number, CardAudience audience, CardKind kind, ConversationReference reference, string? viewerId, string locale)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return id => new CardPost
        {
            Number = number,
            Audience = audience,
            Kind = kind,
            ChannelId = reference.ChannelId ?? Channels.MsTeams,
            ServiceUrl = reference.ServiceUrl ?? "",
            ConversationId = reference.Conversation?.Id ?? "",
            ActivityId = id,
            ViewerId = viewerId,
            Locale = locale,
            BotId = reference.Bot?.Id,
            TenantId = reference.Conversation?.TenantId,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A proactive message on {Channel} could not be sent: {Reason}")]
    private static partial void SendFailed(ILogger logger, string? channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Audience} card of {Number} could not be refreshed: {Reason}")]
    private static partial void UpdateFailed(ILogger logger, string number, CardAudience audience, string reason);
}
