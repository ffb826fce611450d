using System.Globalization;
using System.Text.Json;

namespace SupportBot.BotFramework.State;

/// <summary>In-memory <see cref="IStorage"/> for tests and the load test's baseline; lost when the process ends.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, (string Json, string ETag)> _items = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>();
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var item))
                {
                    found[key] = new StoreItem(JsonDocument.Parse(item.Json).RootElement, item.ETag);
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var etags = new Dictionary<string, string>();
        lock (_lock)
        {
            foreach (var (key, item) in changes)
            {
                if (!ETags.Matches(item.ETag, _items.TryGetValue(key, out var stored) ? stored.ETag : null))
                {
                    throw new StorageConflictException($"'{key}' was changed by someone else (ETag {item.ETag} is stale).");
                }
            }

            foreach (var (key, item) in changes)
            {
                var etag = (++_version).ToString(CultureInfo.InvariantCulture);
                _items[key] = (item.Document.GetRawText(), etag);
                etags[key] = etag;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
