using System.Globalization;
using System.Text.Json;
using LiteDB;
using SupportBot.BotFramework.State;

namespace SupportBot.Storage;

/// <summary>
/// Bot state (dialog stacks, reporter profiles) in LiteDB: one document per key holding the state as JSON text
/// and an ETag. JSON text rather than BSON, because the state is the dialog engine's own JSON and must come back
/// byte for byte.
/// </summary>
public sealed class LiteDbBotStorage(ILiteDatabase database) : IStorage
{
    private readonly ILiteCollection<BsonDocument> _items = database.GetCollection("botstate");
    private readonly Lock _writeLock = new();

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, StoreItem>();
        foreach (var key in keys)
        {
            if (_items.FindById(key) is { } item)
            {
                found[key] = new StoreItem(JsonDocument.Parse(item["json"].AsString).RootElement, item["etag"].AsString);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoreItem>>(found);
    }

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var etags = new Dictionary<string, string>();
        lock (_writeLock)
        {
            foreach (var (key, item) in changes)
            {
                if (!ETags.Matches(item.ETag, _items.FindById(key)?["etag"].AsString))
                {
                    throw new StorageConflictException($"'{key}' was changed by someone else (ETag {item.ETag} is stale).");
                }
            }

            foreach (var (key, item) in changes)
            {
                var etag = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
                _items.Upsert(new BsonDocument { ["_id"] = key, ["json"] = item.Document.GetRawText(), ["etag"] = etag });
                etags[key] = etag;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(etags);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _items.Delete(key);
        }

        return Task.CompletedTask;
    }
}
