using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Storage.Postgres;

/// <summary>How records are kept as <c>jsonb</c>: enum names rather than numbers, so a reordered enum reads old rows right.</summary>
internal static class PgJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} is null.");
}
