using System.Net;

namespace SupportBot.Common;

/// <summary>
/// The outbox as features see it: a message to send later, written in the transaction of the change that causes it
/// (inside a turn, the turn's), so it exists exactly when that change does. The storage engine keeps the rows and a
/// dispatcher delivers them to the <see cref="IOutboxHandler"/> of their kind; how a payload is stored is the engine's.
/// </summary>
internal interface IOutbox
{
    /// <summary>Adds a message; messages with the same <paramref name="key"/> (a ticket's number) are delivered in order.</summary>
    void Add<TPayload>(string kind, string key, TPayload payload)
        where TPayload : class;

    /// <summary>Completes once every message added so far is delivered, parked, or waiting for a later try (tests, orderly shutdown).</summary>
    Task DrainAsync();
}

/// <summary>Delivers the outbox messages of one kind (ticket events …).</summary>
internal interface IOutboxHandler
{
    string Kind { get; }

    Task DeliverAsync(OutboxMessage message);

    /// <summary>
    /// The message was parked after its last try (or a failure no retry can mend), with <paramref name="reason"/>:
    /// a handler may record that where people look (a reminder on its ticket). Called after the row is parked.
    /// </summary>
    Task ParkedAsync(OutboxMessage message, string reason) => Task.CompletedTask;
}

/// <summary>A message's payload as the store kept it, read back as the type it was added as.</summary>
internal abstract class OutboxMessage
{
    public abstract TPayload Read<TPayload>()
        where TPayload : class;
}

/// <summary>
/// The try of one outbox row under way on this call path: its timeout, and how many of its sends already went out
/// in earlier tries, so that a resumed row sends each message once. Senders (card delivery) count every send.
/// </summary>
internal sealed class OutboxAttempt(int done, Func<int, Task> progressed, CancellationToken token)
{
    private static readonly AsyncLocal<OutboxAttempt?> Ambient = new();
    private int _step;

    public static OutboxAttempt? Current => Ambient.Value;

    public CancellationToken Token { get; } = token;

    /// <summary>Sends that have gone out, in this try and earlier ones.</summary>
    public int Done => Math.Max(done, _step);

    public static IDisposable Enter(OutboxAttempt attempt)
    {
        Ambient.Value = attempt;
        return new Scope();
    }

    /// <summary>True (and counted) when the next send already went out in an earlier try: skip it.</summary>
    public bool AlreadySent()
    {
        if (_step >= done)
        {
            return false;
        }

        _step++;
        return true;
    }

    /// <summary>The send just made (or given up for good, like a chat that blocked the bot) is done; recorded at once.</summary>
    public void Sent()
    {
        _step++;
        _ = progressed(_step);
    }

    /// <summary>Worth another try: no answer in time, no connection, throttled or a server error.</summary>
    public static bool IsTransient(Exception error, CancellationToken timeout) => error switch
    {
        OperationCanceledException => timeout.IsCancellationRequested,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500,
        _ => false,
    };

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }
}
