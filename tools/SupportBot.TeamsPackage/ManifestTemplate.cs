using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportBot.TeamsPackage;

/// <summary>
/// manifest/manifest.json with <c>${{NAME}}</c> placeholders (the Teams Toolkit's notation) where an
/// installation's own values go. Filling is textual so the committed file stays readable as a manifest.
/// </summary>
public static partial class ManifestTemplate
{
    public static string Fill(string template, IReadOnlyDictionary<string, string> tokens, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(problems);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var filled = Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (tokens.TryGetValue(name, out var value))
            {
                // The placeholders sit inside JSON strings; escaping keeps any value from breaking out of one.
                return JsonEncodedText.Encode(value).ToString();
            }

            unknown.Add(name);
            return match.Value;
        });

        foreach (var name in unknown)
        {
            problems.Add($"manifest.json uses ${{{{{name}}}}}, which the packager cannot fill (it knows {string.Join(", ", tokens.Keys)})");
        }

        return filled;
    }

    [GeneratedRegex(@"\$\{\{(?<name>[A-Za-z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
