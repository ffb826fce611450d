using System.Text.Json;
using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>
/// Writes the engine's facts of every labelled case that is not held out to <c>specific-features.jsonl</c> beside the
/// test assembly, with its "specific" label and set: the data of the leave-one-set-out experiment in bench/README.md.
/// Held-out files are excluded by name and never read.
/// </summary>
public sealed class SpecificFeatureExportTests
{
    /// <summary>The held-out third: never read, exported or trained on.</summary>
    internal static readonly string[] HeldOut = ["holdout.jsonl", "holdout9.jsonl"];

    internal static IEnumerable<string> TuningFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Describing", "Cases"), "*.jsonl")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !HeldOut.Contains(name) && !name.StartsWith("holdout", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Every_tuning_case_is_exported_with_the_decision_the_engine_makes()
    {
        var analyzer = DescriptionAnalyzer.CreateDefault();
        var path = Path.Combine(AppContext.BaseDirectory, "specific-features.jsonl");
        var rows = 0;
        using (var writer = new StreamWriter(path))
        {
            foreach (var file in TuningFiles())
            {
                foreach (var @case in DescriptionCase.Load(file).Where(@case => @case.Specific is not null))
                {
                    var features = SpecificFeatures.Of(@case.Text, @case.Locale, @case.Answers, DescriptionLexicon.Default);
                    Assert.Equal(analyzer.Analyze(@case.Text, @case.Locale, @case.Answers).Specific, features["engineSpecific"] == 1);
                    writer.WriteLine(JsonSerializer.Serialize(new { set = Path.GetFileNameWithoutExtension(file), id = @case.Id, specific = @case.Specific, features }));
                    rows++;
                }
            }
        }

        Assert.True(rows >= 1000, $"only {rows} labelled tuning cases exported");
    }
}
