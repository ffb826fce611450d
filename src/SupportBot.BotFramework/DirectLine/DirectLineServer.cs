using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// What Direct Line does, apart from HTTP: issues tokens for new conversations, starts conversations (the bot
/// hears a conversationUpdate), and takes the user's activities: each is echoed into the transcript first (Web
/// Chat marks a message sent only when it comes back with an id), then handed to the bot as a turn.
/// </summary>
public sealed class DirectLineServer(
    DirectLineConversations conversations,
    DirectLineTokens tokens,
    CloudAdapter adapter,
    IBot bot,
    IOptions<DirectLineOptions> options)
{
    private ChannelAccount BotAccount => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = "bot" };

    /// <summary>
    /// A new conversation's id and its user. A caller's user id is kept only when it does not claim the reserved
    /// <c>dl_</c> prefix; otherwise (or without one) the user gets a fresh <c>dl_</c> id.
    /// </summary>
    public static NewConversation Plan(string? userId, string? userName) => new(
        NewId(""),
        userId is { Length: > 0 and <= 64 } id && !id.StartsWith("dl_", StringComparison.Ordinal) ? id : NewId("dl_"),
        Trim(userName));

    /// <summary>A token for a conversation that starts when the widget first connects.</summary>
    public DirectLineConversationResponse Generate(string? userId, string? userName) => TokenFor(Plan(userId, userName));

    /// <summary>
    /// A token for a new conversation of a visitor this server already named (a <c>dl_</c> id, e.g. from a visitor
    /// pass it signed): the caller has checked the id is theirs; <see cref="Plan"/> would give them a new one.
    /// </summary>
    public DirectLineConversationResponse GenerateForVisitor(string visitorId, string? userName) =>
        TokenFor(Plan(null, userName) with { UserId = visitorId });

    /// <summary>A token for an existing conversation of this user; null when there is none (ended, or another user's).</summary>
    public async Task<DirectLineConversationResponse?> ContinueAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        await conversations.FindAsync(conversationId, cancellationToken) is { } conversation && conversation.UserId == userId
            ? new DirectLineConversationResponse(conversation.Id, tokens.Issue(conversation.UserId, conversation.UserName, conversation.Id), (int)tokens.Lifetime.TotalSeconds)
            : null;

    private DirectLineConversationResponse TokenFor(NewConversation planned) =>
        new(planned.ConversationId, tokens.Issue(planned.UserId, planned.UserName, planned.ConversationId), (int)tokens.Lifetime.TotalSeconds);

    /// <summary>The conversation, created (and the bot told who joined) when it does not exist yet.</summary>
    public async Task<(DirectLineConversation Conversation, bool Created)> StartAsync(string conversationId, string userId, string? userName, string? locale, CancellationToken cancellationToken)
    {
        if (await conversations.FindAsync(conversationId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var conversation = await conversations.CreateAsync(conversationId, userId, Trim(userName), cancellationToken);
        var joined = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = NewId(""),
            Timestamp = conversation.Created,
            ChannelId = Channels.WebChat,
            ServiceUrl = DirectLineChannel.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = User(conversation),
            Recipient = BotAccount,
            Locale = locale,
            MembersAdded = [BotAccount, User(conversation)],
        };

        // The turn runs to its end even if the caller goes away: its replies are in the transcript for the stream.
        await adapter.ProcessActivityAsync(joined, bot.OnTurnAsync, CancellationToken.None);
        return (conversation, true);
    }

    /// <summary>Echoes the user's activity into the transcript, then runs the bot's turn; returns the echoed activity (with its id).</summary>
    public async Task<Activity> PostAsync(DirectLineConversation conversation, Activity posted, CancellationToken cancellationToken)
    {
        var inbound = Inbound(conversation, posted);
        if (inbound.IsType(ActivityTypes.Typing))
        {
            await adapter.ProcessActivityAsync(inbound with { ServiceUrl = DirectLineChannel.ServiceUrl }, bot.OnTurnAsync, CancellationToken.None);
            return inbound;
        }

        var echoed = await conversations.AppendAsync(conversation, inbound, cancellationToken);
        await adapter.ProcessActivityAsync(echoed with { ServiceUrl = DirectLineChannel.ServiceUrl }, bot.OnTurnAsync, CancellationToken.None);
        return echoed;
    }

    /// <summary>Runs a turn for what the server noticed on the user's behalf (an upload it refused); nothing is echoed.</summary>
    public Task NotifyAsync(DirectLineConversation conversation, Activity notice) =>
        adapter.ProcessActivityAsync(Inbound(conversation, notice) with { ServiceUrl = DirectLineChannel.ServiceUrl }, bot.OnTurnAsync, CancellationToken.None);

    private Activity Inbound(DirectLineConversation conversation, Activity posted)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(posted);
        return posted with
        {
            Id = null,
            Timestamp = null,
            ServiceUrl = null,

            // One channel id for the whole conversation, whatever the client wrote: state and turn order are keyed by it.
            ChannelId = Channels.WebChat,
            Conversation = new ConversationAccount { Id = conversation.Id },

            // The sender is whoever the token names, whatever the body claims.
            From = User(conversation),
            Recipient = BotAccount,
            DeliveryMode = null,
            CallerId = null,
            MembersAdded = null,
            MembersRemoved = null,
        };
    }

    private static ChannelAccount User(DirectLineConversation conversation) =>
        new() { Id = conversation.UserId, Name = conversation.UserName, Role = "user" };

    private static string? Trim(string? name) => name?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, 100)] : null;

    private static string NewId(string prefix) => prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

public sealed record NewConversation(string ConversationId, string UserId, string? UserName);
