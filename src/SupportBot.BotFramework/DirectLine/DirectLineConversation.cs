using System.Globalization;
using System.Threading.Channels;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>What a conversation's transcript holds besides its activities, as stored.</summary>
public sealed record ConversationHeader(string Id, string UserId, string? UserName, int Count, DateTimeOffset Created, DateTimeOffset LastActive);

/// <summary>
/// One Direct Line conversation: the transcript both sides' activities are appended to (the watermark is the
/// count), and the one live stream that is told about each change. Typing indicators go only to the live
/// stream, as the real service does: they are stale by the time anyone replays them.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _activities;
    private Channel<Activity?>? _stream;
    private long _lastActiveTicks;

    internal DirectLineConversation(ConversationHeader header, IEnumerable<Activity> activities)
    {
        Id = header.Id;
        UserId = header.UserId;
        UserName = header.UserName;
        Created = header.Created;
        _activities = [.. activities];
        _lastActiveTicks = header.LastActive.UtcTicks;
    }

    public string Id { get; }
    public string UserId { get; }
    public string? UserName { get; }
    public DateTimeOffset Created { get; }

    /// <summary>Serializes appends so that ids, stored order and delivered order agree.</summary>
    internal SemaphoreSlim Appending { get; } = new(1, 1);

    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    public int Watermark
    {
        get
        {
            lock (_lock)
            {
                return _activities.Count;
            }
        }
    }

    internal ConversationHeader Header
    {
        get
        {
            lock (_lock)
            {
                return new ConversationHeader(Id, UserId, UserName, _activities.Count, Created, LastActive);
            }
        }
    }

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    internal void Append(Activity stamped)
    {
        Channel<Activity?>? stream;
        lock (_lock)
        {
            _activities.Add(stamped);
            stream = _stream;
        }

        stream?.Writer.TryWrite(null);
    }

    /// <summary>The activity with this sequence number (1-based), or null when there is none.</summary>
    internal Activity? At(int sequence)
    {
        lock (_lock)
        {
            return sequence >= 1 && sequence <= _activities.Count ? _activities[sequence - 1] : null;
        }
    }

    /// <summary>Replaces an activity the bot updates (a card that changed); the live stream sees it again with the same id.</summary>
    internal void Replace(int sequence, Activity updated)
    {
        Channel<Activity?>? stream;
        lock (_lock)
        {
            _activities[sequence - 1] = updated;
            stream = _stream;
        }

        stream?.Writer.TryWrite(updated);
    }

    internal void PushLive(Activity activity)
    {
        lock (_lock)
        {
            _stream?.Writer.TryWrite(activity);
        }
    }

    /// <summary>Everything after <paramref name="watermark"/> (all when null or unreadable), in order, and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) After(int? watermark)
    {
        lock (_lock)
        {
            var from = Math.Clamp(watermark ?? 0, 0, _activities.Count);
            return (_activities.GetRange(from, _activities.Count - from), _activities.Count);
        }
    }

    /// <summary>
    /// Opens the live stream: a signal (null) for each appended activity, or an activity that is not kept. A second
    /// stream replaces the first, whose channel completes: one WebSocket per conversation, as the service allows.
    /// </summary>
    internal ChannelReader<Activity?> OpenStream()
    {
        var stream = Channel.CreateUnbounded<Activity?>(new UnboundedChannelOptions { SingleReader = true });
        Channel<Activity?>? previous;
        lock (_lock)
        {
            previous = _stream;
            _stream = stream;
        }

        previous?.Writer.TryComplete(new StreamCollisionException());
        return stream.Reader;
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
