using System.Text;
using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>Accuracy per labelled field over a set of cases, with the misses spelled out.</summary>
internal sealed class DescriptionScore
{
    private readonly Dictionary<string, (int Right, int Total)> _fields = [];
    private readonly List<string> _misses = [];

    public static IReadOnlyList<string> Fields { get; } = ["specific", "system", "errorCode", "missing", "description"];

    public static DescriptionScore Of(IEnumerable<DescriptionCase> cases, DescriptionAnalyzer analyzer)
    {
        var score = new DescriptionScore();
        foreach (var @case in cases)
        {
            var analysis = analyzer.Analyze(@case.Text, @case.Locale, @case.Answers);
            if (@case.Specific is { } specific)
            {
                score.Count(@case, "specific", analysis.Specific == specific, $"{analysis.Specific}");
            }

            if (@case.System.IsSet)
            {
                score.Count(@case, "system", string.Equals(analysis.Slots.System, @case.System.Value, StringComparison.OrdinalIgnoreCase), analysis.Slots.System);
            }

            if (@case.ErrorCode.IsSet)
            {
                score.Count(@case, "errorCode", string.Equals(Width(analysis.Slots.ErrorCode), Width(@case.ErrorCode.Value), StringComparison.OrdinalIgnoreCase), analysis.Slots.ErrorCode);
            }

            if (@case.MissingIncludes is { } missing)
            {
                score.Count(@case, "missing", missing.All(analysis.Missing.Contains), string.Join(",", analysis.Missing));
            }

            if (@case.DescriptionContains is { } parts)
            {
                var description = analysis.Description ?? "";
                score.Count(@case, "description", parts.All(part => description.Contains(part, StringComparison.OrdinalIgnoreCase)), analysis.Description);
            }
        }

        return score;
    }

    /// <summary>
    /// The engine reads full-width forms as their ASCII twins (「，」 is ","), as the ticket shows them; a label written
    /// with a full-width comma names the same message.
    /// </summary>
    private static string? Width(string? text) => text?.Normalize(System.Text.NormalizationForm.FormKC);

    public double Accuracy(string field) => _fields.TryGetValue(field, out var counts) ? (double)counts.Right / counts.Total : 1;

    public int Total(string field) => _fields.TryGetValue(field, out var counts) ? counts.Total : 0;

    public IReadOnlyList<string> Misses => _misses;

    public string Report(string title, bool misses = true)
    {
        var report = new StringBuilder($"{title}\n");
        foreach (var field in Fields.Where(_fields.ContainsKey))
        {
            var (right, total) = _fields[field];
            report.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {field,-12} {right,4}/{total,-4} {100.0 * right / total,6:F1}%\n");
        }

        foreach (var miss in misses ? _misses : [])
        {
            report.Append("  MISS ").Append(miss).Append('\n');
        }

        return report.ToString();
    }

    private void Count(DescriptionCase @case, string field, bool right, string? got)
    {
        var (r, t) = _fields.GetValueOrDefault(field);
        _fields[field] = (r + (right ? 1 : 0), t + 1);
        if (!right)
        {
            _misses.Add($"{@case.Id} {field}: got '{got}' — {@case.Text}");
        }
    }
}
