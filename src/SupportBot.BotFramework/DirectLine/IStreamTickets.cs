using System.Collections.Concurrent;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The stream tickets already used, until they expire: each opens one socket only. Reused, one would evict the live
/// socket and replay the conversation from the start to whoever holds the URL. A ticket is signed, so any process
/// with the key can check it; only its use must be recorded where every process sees it.
/// </summary>
public interface IStreamTickets
{
    /// <summary>True the first time ticket <paramref name="ticketId"/> is used, false ever after (until it has expired).</summary>
    Task<bool> RedeemAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>The used tickets in this process's memory: right for one process.</summary>
public sealed class MemoryStreamTickets(TimeProvider time) : IStreamTickets
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    public Task<bool> RedeemAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (used, expires) in _redeemed)
        {
            if (expires <= now)
            {
                _redeemed.TryRemove(used, out _);
            }
        }

        return Task.FromResult(_redeemed.TryAdd(ticketId, expiresAt));
    }
}
