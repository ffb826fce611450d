using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// The JSON conventions of the protocol: camelCase names, absent rather than null optional fields, unknown
/// properties kept. Use these options (or <see cref="BotJsonContext"/>) for everything that goes on the wire.
/// </summary>
public static class BotJson
{
    /// <summary>The generated metadata for the protocol types, with reflection for anything else (cards, app records).</summary>
    public static JsonSerializerOptions Options { get; } = new(BotJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(BotJsonContext.Default, new DefaultJsonTypeInfoResolver()),

        // Room above what is let in (Inbound), so whatever was stored can always be written back wrapped in a response:
        // transcripts stored before the inbound limit, with values nested ~62 deep, made every read of them a 500.
        MaxDepth = 128,
    };

    /// <summary>
    /// How deep an inbound activity may nest. Real activities (cards and their data included) stay far below;
    /// the reader's default of 64 let a value in that was too deep to write back once wrapped in a transcript
    /// or a stored state, which made every later read of the conversation fail.
    /// </summary>
    public const int MaxInboundDepth = 32;

    /// <summary>The protocol's options for reading what arrives from the wire: deeper nesting is a JsonException.</summary>
    public static JsonSerializerOptions Inbound { get; } = new(Options) { MaxDepth = MaxInboundDepth };
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(TimestampConverter)])]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class BotJsonContext : JsonSerializerContext;
