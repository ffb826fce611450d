using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace SupportBot.Localization;

/// <summary>
/// Every user-facing sentence in English and Simplified Chinese from one key set (embedded
/// <c>Strings.en.json</c> and <c>Strings.zh-CN.json</c>, here and in any feature folder that keeps its own, loaded
/// once; a key defined twice is an error). Placeholders are composite-format indexes, so the two languages may order
/// them differently.
/// </summary>
internal sealed class Localizer
{
    public const string English = "en-US";
    public const string Chinese = "zh-CN";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    public Localizer()
    {
        _texts = new Dictionary<string, FrozenDictionary<string, string>>
        {
            [English] = Load("Strings.en.json"),
            [Chinese] = Load("Strings.zh-CN.json"),
        }.ToFrozenDictionary();
    }

    public static IReadOnlyList<string> Languages { get; } = [English, Chinese];

    /// <summary>Maps whatever a channel sends (zh, zh-cn, zh-Hans-CN, en-GB, null …) to one of the two languages.</summary>
    public static string Normalize(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    /// <summary>The language a text is written in: Chinese when it has any Chinese character, else English.</summary>
    public static string LanguageOf(string? text) =>
        text is not null && text.Any(c => c is >= '\u3400' and <= '\u9fff') ? Chinese : English;

    public static CultureInfo Culture(string? locale) => CultureInfo.GetCultureInfo(Normalize(locale));

    public IReadOnlyCollection<string> Keys(string locale) => _texts[Normalize(locale)].Keys;

    public string Get(string locale, string key, params object?[] args)
    {
        var language = Normalize(locale);
        if (!_texts[language].TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"No text '{key}' in {language}.");
        }

        return args.Length == 0 ? template : string.Format(Culture(language), template, args);
    }

    /// <summary>A time in the reporter's zone, written with one of the <c>format.*</c> patterns of their language.</summary>
    public string Time(DateTimeOffset at, TimeZoneInfo zone, string locale, string formatKey) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(Get(locale, formatKey), Culture(locale));

    private static FrozenDictionary<string, string> Load(string fileName)
    {
        var assembly = typeof(Localizer).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.EndsWith("." + fileName, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var part = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? throw new InvalidOperationException($"{resource} is empty.");
            foreach (var (key, text) in part)
            {
                if (!texts.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The text '{key}' is defined twice ({resource} and another {fileName}).");
                }
            }
        }

        return texts.Count > 0 ? texts.ToFrozenDictionary() : throw new InvalidOperationException($"No {fileName} is embedded.");
    }
}
