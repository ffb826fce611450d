using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Describing;

/// <summary>The catalogue and lexicon files compiled into the assembly, read once at start-up.</summary>
internal static class EmbeddedData
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Stream Open(string fileName)
    {
        var resource = "SupportBot.Describing." + fileName;
        return typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
    }
}
