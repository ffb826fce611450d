using System.Buffers;
using System.Text.Json;

namespace SupportBot.BotFramework.State;

/// <summary>
/// One turn's view of a state document: the document as loaded, the properties the turn has rewritten or removed,
/// and the typed values handed out. A value is written back only if its JSON now differs from what it was when
/// handed out, so reading (even a default) costs no write.
/// </summary>
/// <remarks>
/// The loaded document stays the <see cref="JsonElement"/> the storage gave: a property is deserialised straight from
/// it, and the document to write is copied from it property by property, with the rewritten ones in their place.
/// (It used to pass through a <c>JsonObject</c>, a string and a second parse every turn: about 2% of the intake's CPU.)
/// </remarks>
internal sealed class CachedState(string key, JsonElement? stored, string? etag)
{
    private const string JsonNull = "null";

    private readonly JsonElement? _stored = stored is { ValueKind: JsonValueKind.Object } document ? document : null;
    private readonly Dictionary<string, string?> _handedOutAs = [];
    private readonly Dictionary<string, string?> _unsaved = [];

    // Property → its JSON as this turn last wrote it ("null" for a null value), or null when removed.
    private readonly Dictionary<string, string?> _rewritten = [];
    private bool _removed;

    public string Key => key;
    public string? ETag { get; private set; } = etag;
    public Dictionary<string, object?> Values { get; } = [];

    /// <summary>The property as loaded (or as this turn last wrote it), deserialised; false when absent or null.</summary>
    public bool TryRead<T>(string property, out T value)
    {
        T? read = default;
        if (_rewritten.TryGetValue(property, out var json))
        {
            read = json is null or JsonNull ? default : JsonSerializer.Deserialize<T>(json, BotState.Json);
        }
        else if (_stored is { } document && document.TryGetProperty(property, out var element) && element.ValueKind != JsonValueKind.Null)
        {
            read = element.Deserialize<T>(BotState.Json);
        }

        value = read!;
        return read is not null;
    }

    public void HandOut(string property, object? value, string? json)
    {
        Values[property] = value;
        _handedOutAs[property] = json;
    }

    public void Remove(string property)
    {
        var had = Values.Remove(property) | (_rewritten.TryGetValue(property, out var json) ? json is not null : Stored(property));
        _rewritten[property] = null;
        _removed |= had;
    }

    /// <summary>The document to write, or null when nothing changed; each value is serialised once per save.</summary>
    public JsonElement? ChangedDocument()
    {
        _unsaved.Clear();
        foreach (var (property, value) in Values)
        {
            var json = ToJson(value);
            if (json != _handedOutAs.GetValueOrDefault(property))
            {
                _unsaved[property] = json;
                _rewritten[property] = json ?? JsonNull;
            }
        }

        return _removed || _unsaved.Count > 0 ? Document() : null;
    }

    /// <summary>After a successful write: what was written becomes the baseline for the next change check.</summary>
    public CachedState Saved(string newETag)
    {
        ETag = newETag;
        _removed = false;
        foreach (var (property, json) in _unsaved)
        {
            _handedOutAs[property] = json;
        }

        return this;
    }

    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), BotState.Json);

    private bool Stored(string property) => _stored is { } document && document.TryGetProperty(property, out _);

    /// <summary>The loaded document's properties in their order, each rewritten one in its place, new ones after them.</summary>
    private JsonElement Document()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (_stored is { } document)
            {
                foreach (var property in document.EnumerateObject())
                {
                    if (!_rewritten.ContainsKey(property.Name))
                    {
                        property.WriteTo(writer);
                    }
                    else if (_rewritten[property.Name] is { } json)
                    {
                        writer.WritePropertyName(property.Name);
                        writer.WriteRawValue(json, skipInputValidation: true);
                    }
                }
            }

            foreach (var (property, json) in _rewritten)
            {
                if (json is not null && !Stored(property))
                {
                    writer.WritePropertyName(property);
                    writer.WriteRawValue(json, skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }
}
