using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>
/// One labelled description, in the format of <c>shared/examples/describe-cases.jsonl</c>. A field that is
/// absent from the JSON is not labelled and not scored; <c>"system": null</c> is a label ("no system").
/// </summary>
internal sealed record DescriptionCase
{
    public required string Id { get; init; }
    public required string Locale { get; init; }
    public required string Text { get; init; }
    public bool? Specific { get; init; }
    public Label System { get; init; }
    public Label ErrorCode { get; init; }

    [JsonPropertyName("missing_includes")]
    public IReadOnlyList<string>? MissingIncludes { get; init; }

    public DescriptionAnswers? Answers { get; init; }

    [JsonPropertyName("description_contains")]
    public IReadOnlyList<string>? DescriptionContains { get; init; }

    public override string ToString() => $"{Id}: {Text}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new LabelConverter() } };

    public static IReadOnlyList<DescriptionCase> Load(string fileName) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Describing", "Cases", fileName))
            .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(line => JsonSerializer.Deserialize<DescriptionCase>(line, Json)!)];

    /// <summary>A label that distinguishes "not labelled" (absent) from "labelled null".</summary>
    public readonly record struct Label(bool IsSet, string? Value);

    private sealed class LabelConverter : JsonConverter<Label>
    {
        public override bool HandleNull => true;

        public override Label Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(true, reader.TokenType == JsonTokenType.Null ? null : reader.GetString());

        public override void Write(Utf8JsonWriter writer, Label value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
