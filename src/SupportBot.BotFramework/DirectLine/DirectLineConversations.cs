using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The Direct Line conversations: their transcripts in <see cref="IDirectLineTranscripts"/>, and this process's handle
/// on each one in use (who it is with, its live stream). Appends here reach the local stream at once; appends another
/// process made reach it through <see cref="ChangedElsewhereAsync"/>, which the application calls when its store says so.
/// </summary>
public sealed class DirectLineConversations(IDirectLineTranscripts transcripts, TimeProvider time, IOptions<DirectLineOptions> options)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _live = new(StringComparer.Ordinal);

    public async Task<DirectLineConversation> CreateAsync(string id, string userId, string? userName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var header = new ConversationHeader(id, userId, userName, 0, now, now);
        if (!await transcripts.CreateAsync(header, cancellationToken))
        {
            // Started at the same moment elsewhere (another instance): that one is the conversation.
            header = await transcripts.FindAsync(id, cancellationToken) ?? header;
        }

        return _live.GetOrAdd(id, _ => new DirectLineConversation(header));
    }

    /// <summary>The conversation, null when it never existed or has ended (perhaps by another instance's cleanup).</summary>
    public async Task<DirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (await transcripts.FindAsync(id, cancellationToken) is not { } header)
        {
            Forget(id);
            return null;
        }

        var conversation = _live.GetOrAdd(id, _ => new DirectLineConversation(header));
        if (header.LastActive > conversation.LastActive)
        {
            conversation.Touch(header.LastActive);
        }

        return conversation;
    }

    /// <summary>Gives the activity its id (with the transcript's next number) and server timestamp, keeps it, and tells the live stream.</summary>
    public async Task<Activity> AppendAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        var now = time.GetUtcNow();
        var stamped = await transcripts.AppendAsync(
            conversation.Id,
            sequence => activity with { Id = DirectLineConversation.ActivityId(conversation.Id, sequence), Timestamp = now },
            now,
            cancellationToken);
        conversation.Touch(now);
        conversation.Appended();
        return stamped;
    }

    /// <summary>Replaces an activity the bot updates (a card that changed), keeping its id, place and time; the live stream sees it again.</summary>
    public async Task<bool> ReplaceAsync(DirectLineConversation conversation, Activity updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(updated);
        if (conversation.SequenceOf(updated.Id) is not { } sequence)
        {
            return false;
        }

        var kept = await transcripts.ReplaceAsync(conversation.Id, sequence, original => updated with { Timestamp = original.Timestamp }, cancellationToken);
        if (kept is null)
        {
            return false;
        }

        conversation.PushLive(kept);
        return true;
    }

    /// <summary>Everything after <paramref name="watermark"/> (all when null), in order, and the new watermark.</summary>
    public Task<TranscriptPage> ReadAsync(DirectLineConversation conversation, int? watermark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return transcripts.ReadAsync(conversation.Id, watermark ?? 0, cancellationToken);
    }

    /// <summary>
    /// Another process appended activity <paramref name="sequence"/> (or, when <paramref name="replaced"/>, changed it):
    /// the live stream here, if any, sends it on.
    /// </summary>
    public async Task ChangedElsewhereAsync(string conversationId, int sequence, bool replaced, CancellationToken cancellationToken)
    {
        if (!_live.TryGetValue(conversationId, out var conversation))
        {
            return;
        }

        conversation.Touch(time.GetUtcNow());
        if (!replaced)
        {
            conversation.Appended();
            return;
        }

        var page = await transcripts.ReadAsync(conversationId, sequence - 1, cancellationToken);
        if (page.Activities.Count > 0)
        {
            conversation.PushLive(page.Activities[0]);
        }
    }

    /// <summary>Opens the conversation's live stream here, numbered by the transcripts (see <see cref="DirectLineConversation.OpenStream"/>).</summary>
    public async Task<System.Threading.Channels.ChannelReader<Activity?>> OpenStreamAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.OpenStream(await transcripts.StreamOpeningAsync(conversation.Id, cancellationToken));
    }

    /// <summary>
    /// Another process opened a stream on the conversation, numbered <paramref name="number"/>: a stream here that opened
    /// before it closes with <c>collision</c>, as a second stream in this process would close it.
    /// </summary>
    public void StreamOpenedElsewhere(string conversationId, int number)
    {
        if (_live.TryGetValue(conversationId, out var conversation))
        {
            conversation.StreamOpenedElsewhere(number);
        }
    }

    /// <summary>Every live stream here reads what it has not sent: after a gap in hearing of other processes' appends.</summary>
    public void CatchUp()
    {
        foreach (var conversation in _live.Values)
        {
            conversation.Appended();
        }
    }

    /// <summary>
    /// Ends the conversations nobody has used for the idle timeout, deleting their transcripts, except those
    /// <paramref name="retention"/> still needs; returns the ids of those ended.
    /// </summary>
    public async Task<IReadOnlyList<string>> EndIdleAsync(IEnumerable<IConversationRetention> retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var keepers = retention.ToList();
        var cutoff = time.GetUtcNow() - options.Value.ConversationIdleTimeout;
        var ended = new List<string>();
        foreach (var header in await transcripts.ListIdleAsync(cutoff, cancellationToken))
        {
            // Reading keeps a conversation alive as much as posting does; reads are seen only by the instance served.
            var lastActive = _live.TryGetValue(header.Id, out var live) && live.LastActive > header.LastActive ? live.LastActive : header.LastActive;
            if (lastActive <= cutoff && !await AnyKeepsAsync(keepers, header.Id, cancellationToken))
            {
                await transcripts.DeleteAsync(header.Id, cancellationToken);
                Forget(header.Id);
                ended.Add(header.Id);
            }
        }

        return ended;
    }

    private static async Task<bool> AnyKeepsAsync(List<IConversationRetention> keepers, string id, CancellationToken cancellationToken)
    {
        foreach (var keeper in keepers)
        {
            if (await keeper.KeepAsync(id, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private void Forget(string id)
    {
        if (_live.TryRemove(id, out var live))
        {
            live.End();
        }
    }
}
