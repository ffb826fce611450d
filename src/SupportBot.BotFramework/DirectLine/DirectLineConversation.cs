using System.Globalization;
using System.Threading.Channels;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>What a conversation's transcript holds besides its activities, as stored.</summary>
public sealed record ConversationHeader(string Id, string UserId, string? UserName, int Count, DateTimeOffset Created, DateTimeOffset LastActive);

/// <summary>
/// One Direct Line conversation as this process sees it: who it is with, and the one live stream here that is told
/// about each change. The transcript itself is in <see cref="IDirectLineTranscripts"/>, which other processes may
/// append to as well. Typing indicators go only to the live stream, as the real service does: they are stale by the
/// time anyone replays them.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly Lock _lock = new();
    private Channel<Activity?>? _stream;
    private int _streamNumber;
    private long _lastActiveTicks;

    internal DirectLineConversation(ConversationHeader header)
    {
        Id = header.Id;
        UserId = header.UserId;
        UserName = header.UserName;
        Created = header.Created;
        _lastActiveTicks = header.LastActive.UtcTicks;
    }

    public string Id { get; }
    public string UserId { get; }
    public string? UserName { get; }
    public DateTimeOffset Created { get; }

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>Tells the live stream the transcript grew: it reads what it has not sent yet.</summary>
    internal void Appended()
    {
        lock (_lock)
        {
            _stream?.Writer.TryWrite(null);
        }
    }

    /// <summary>Pushes an activity to the live stream as it is: typing, or an activity the bot changed (same id again).</summary>
    internal void PushLive(Activity activity)
    {
        lock (_lock)
        {
            _stream?.Writer.TryWrite(activity);
        }
    }

    /// <summary>
    /// Opens the live stream: a signal (null) for each appended activity, or an activity that is not kept. A newer
    /// stream (a higher <paramref name="number"/>, <see cref="IDirectLineTranscripts.StreamOpeningAsync"/>) replaces an
    /// older one, whose channel completes: one WebSocket per conversation, as the service allows. A stream older than the
    /// one here (numbered first, opened last) is the one that loses.
    /// </summary>
    internal ChannelReader<Activity?> OpenStream(int number)
    {
        var stream = Channel.CreateUnbounded<Activity?>(new UnboundedChannelOptions { SingleReader = true });
        var loser = stream;
        lock (_lock)
        {
            if (_stream is null || _streamNumber < number)
            {
                (loser, _stream, _streamNumber) = (_stream, stream, number);
            }
        }

        loser?.Writer.TryComplete(new StreamCollisionException());
        return stream.Reader;
    }

    /// <summary>A stream opened in another process with <paramref name="number"/>: the one here closes if it is older.</summary>
    internal void StreamOpenedElsewhere(int number)
    {
        Channel<Activity?>? older = null;
        lock (_lock)
        {
            if (_stream is not null && _streamNumber < number)
            {
                (older, _stream) = (_stream, null);
            }
        }

        older?.Writer.TryComplete(new StreamCollisionException());
    }

    internal void CloseStream(ChannelReader<Activity?> reader)
    {
        lock (_lock)
        {
            if (_stream?.Reader == reader)
            {
                _stream.Writer.TryComplete();
                _stream = null;
            }
        }
    }

    internal void End()
    {
        lock (_lock)
        {
            _stream?.Writer.TryComplete();
            _stream = null;
        }
    }

    public static string ActivityId(string conversationId, int sequence) =>
        $"{conversationId}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    /// <summary>The sequence number inside one of this conversation's activity ids, or null for any other id.</summary>
    public int? SequenceOf(string? activityId) =>
        activityId is { } id && id.StartsWith(Id + "|", StringComparison.Ordinal) ? ParseWatermark(id[(Id.Length + 1)..]) : null;

    public static int? ParseWatermark(string? watermark) =>
        int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>A newer stream took over the conversation.</summary>
public sealed class StreamCollisionException : Exception
{
    public StreamCollisionException()
        : base("Another stream connected to this conversation.")
    {
    }

    public StreamCollisionException(string message)
        : base(message)
    {
    }

    public StreamCollisionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
