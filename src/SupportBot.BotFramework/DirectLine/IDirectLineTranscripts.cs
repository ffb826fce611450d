using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Where Direct Line transcripts are kept: a header per conversation and its activities numbered 1, 2, 3 … with no
/// gap (the number is the watermark). The store gives out the numbers, so that every process appending to one
/// conversation gets the next one: a process's own count would collide with another's.
/// </summary>
/// <remarks>
/// The default (<see cref="StorageTranscripts"/>) keeps live transcripts in memory and writes them through
/// <see cref="State.IStorage"/>: right for one process. An application that runs several registers its own.
/// </remarks>
public interface IDirectLineTranscripts
{
    /// <summary>Keeps a new conversation; false (changing nothing) when one with that id exists already.</summary>
    Task<bool> CreateAsync(ConversationHeader header, CancellationToken cancellationToken);

    /// <summary>The conversation's header, or null when it never existed or has ended.</summary>
    Task<ConversationHeader?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the activity <paramref name="stamp"/> makes for the next number and returns it. Throws
    /// <see cref="ConversationEndedException"/> when the conversation is gone.
    /// </summary>
    Task<Activity> AppendAsync(string conversationId, Func<int, Activity> stamp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The activities numbered above <paramref name="after"/>, in order, and the number of the last one.</summary>
    Task<TranscriptPage> ReadAsync(string conversationId, int after, CancellationToken cancellationToken);

    /// <summary>Replaces activity <paramref name="sequence"/> with what <paramref name="change"/> makes of it; null when there is none.</summary>
    Task<Activity?> ReplaceAsync(string conversationId, int sequence, Func<Activity, Activity> change, CancellationToken cancellationToken);

    /// <summary>The headers of the conversations last appended to at or before <paramref name="cutoff"/>, for the idle cleanup.</summary>
    Task<IReadOnlyList<ConversationHeader>> ListIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes a conversation and its transcript; nothing when it is gone already.</summary>
    Task DeleteAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Numbers a WebSocket opening on the conversation, in the order they open in every process that serves it: the
    /// stream with the highest number is the conversation's one stream, and the others close with <c>collision</c>.
    /// A store shared by several processes also tells the others (see <see cref="DirectLineConversations.StreamOpenedElsewhere"/>).
    /// </summary>
    Task<int> StreamOpeningAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>Activities after a watermark and the watermark to ask from next (the transcript's count).</summary>
public sealed record TranscriptPage(IReadOnlyList<Activity> Activities, int Watermark);

/// <summary>The conversation was ended (idle cleanup, perhaps on another instance) while someone still used it.</summary>
public sealed class ConversationEndedException : InvalidOperationException
{
    public ConversationEndedException()
        : base("The Direct Line conversation has ended.")
    {
    }

    public ConversationEndedException(string message)
        : base(message)
    {
    }

    public ConversationEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
