using System.Text.Json;
using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>How the composer speaks about a system: "在OA系统中…" for software, "打印机…" for a device.</summary>
internal enum SystemKind
{
    Application,
    Network,
    Device,
    Account,
}

/// <summary>One system or device reporters name, with the aliases they use for it in either language.</summary>
internal sealed record SystemEntry
{
    /// <summary>Canonical name, as tickets and engineers know it ("OA", "Printer").</summary>
    public string Name { get; init; } = "";

    public SystemKind Kind { get; init; } = SystemKind.Application;

    /// <summary>
    /// A device that runs everything (the computer): an error it shows (a stop code) says little of what failed
    /// until the reporter says what they were doing, unlike a printer's or a projector's own error.
    /// </summary>
    public bool GeneralPurpose { get; init; }

    /// <summary>
    /// A device that does one thing, so its symptom names what was being done: a printer printing black streaks was
    /// printing, a desk phone with a busy tone on outside lines was dialling out. "What were you doing?" adds nothing.
    /// Not a display (「显示器一闪一闪」 says nothing of when: docking, presenting, idle) nor the computer.
    /// </summary>
    public bool OneFunction { get; init; }

    /// <summary>The ticket category a problem with this system most likely belongs to (a suggestion for intake).</summary>
    public string? Category { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Aliases that name a kind of this device, or the product itself, well enough to stand in a description as the
    /// reporter wrote them (projector, 耳机, laptop, Outlook, 金蝶): "the monitor" for a projector, 「电话」 for a headset
    /// would send the engineer to the wrong thing, and "email" for Outlook reads as if the reporter never named it.
    /// Typos, a device's brand and words that only point here (BSOD, 管理员密码) are not among them.
    /// </summary>
    public IReadOnlyList<string> Nouns { get; init; } = [];

    /// <summary>The noun of <see cref="Nouns"/> the reporter wrote, in the catalogue's spelling; null for any other word.</summary>
    public string? NounFor(string written) =>
        Nouns.FirstOrDefault(noun => string.Equals(noun, written.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Display name per language ("en-US", "zh-CN").</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>Typical actions per language, the examples in "what were you doing?".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Actions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string DisplayName(string locale) => Names.TryGetValue(Localizer.Normalize(locale), out var name) ? name : Name;

    public IReadOnlyList<string> ExampleActions(string locale) =>
        Actions.TryGetValue(Localizer.Normalize(locale), out var actions) ? actions : [];
}

/// <summary>
/// The systems reporters can name: the embedded defaults (<c>systems.json</c>) with the entries of
/// <c>Describing:Systems</c> added, an entry of the same name replacing the default.
/// </summary>
internal sealed class SystemsCatalogue
{
    private readonly Dictionary<string, SystemEntry> _byName;

    public SystemsCatalogue(IEnumerable<SystemEntry> entries)
    {
        Entries = [.. entries];
        _byName = Entries.ToDictionary(entry => entry.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static SystemsCatalogue Default { get; } = new(LoadDefaults());

    public IReadOnlyList<SystemEntry> Entries { get; }

    public SystemEntry? Find(string name) => _byName.GetValueOrDefault(name);

    public SystemsCatalogue With(IEnumerable<SystemEntry> overrides)
    {
        var merged = Entries.ToDictionary(entry => entry.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in overrides)
        {
            merged[entry.Name] = entry;
        }

        return new SystemsCatalogue(merged.Values);
    }

    private static List<SystemEntry> LoadDefaults()
    {
        using var stream = EmbeddedData.Open("systems.json");
        return JsonSerializer.Deserialize<List<SystemEntry>>(stream, EmbeddedData.JsonOptions)
            ?? throw new InvalidOperationException("systems.json is empty.");
    }
}
