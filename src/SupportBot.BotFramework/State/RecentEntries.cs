using System.Collections.Concurrent;

namespace SupportBot.BotFramework.State;

/// <summary>
/// A map bounded by recency: two generations of at most <see cref="Capacity"/> entries each. When the newer fills,
/// the older is dropped and the newer takes its place, so memory stays bounded while a key in use keeps being found
/// (a key not set again within two generations is forgotten). Thread-safe.
/// </summary>
public sealed class RecentEntries<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _rotateLock = new();
    private ConcurrentDictionary<TKey, TValue> _current = new();
    private ConcurrentDictionary<TKey, TValue> _previous = new();

    // ConcurrentDictionary.Count takes every bucket lock; a counter keeps the check on every Set cheap.
    private int _currentCount;

    public RecentEntries(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
    }

    /// <summary>Entries per generation (at most twice this in all).</summary>
    public int Capacity { get; }

    /// <summary>How many entries are held now.</summary>
    public int Count => _current.Count + _previous.Count;

    public bool TryGetValue(TKey key, out TValue value) => _current.TryGetValue(key, out value!) || _previous.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (Volatile.Read(ref _currentCount) >= Capacity)
        {
            lock (_rotateLock)
            {
                if (_currentCount >= Capacity)
                {
                    _previous = _current;
                    _current = new ConcurrentDictionary<TKey, TValue>();
                    _currentCount = 0;
                }
            }
        }

        var current = _current;
        if (current.TryAdd(key, value))
        {
            Interlocked.Increment(ref _currentCount);
        }
        else
        {
            current[key] = value;
        }
    }
}
