using System.Text.Json;
using SupportBot.Describing;

namespace SupportBot.Tests.Describing;

/// <summary>
/// Writes the engine's facts of every labelled case that is not held out to <c>specific-features.jsonl</c> beside the
/// test assembly, with its "specific" label, set, the analyzer's decision, its locale and its text (for the text
/// features the script can try: round h17txt): the data the shipped model is fitted on and measured with
/// (bench/SpecificLoso/specific_loso.py, bench/README.md).
/// Held-out files are excluded by name and never read.
/// </summary>
public sealed class SpecificFeatureExportTests
{
    /// <summary>The held-out third: never read, exported or trained on.</summary>
    internal static readonly string[] HeldOut = ["holdout.jsonl", "holdout9.jsonl", "holdout10.jsonl"];

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
                    var lexicon = DescriptionLexicon.Default;
                    var facts = new DescriptionAnswerReader(lexicon).Apply(DescriptionTextReader.Read(@case.Text, lexicon), @case.Answers);
                    var features = SpecificFeatures.Of(facts, @case.Locale, SpecificFeatures.OfText(@case.Text, lexicon));

                    // The analyzer's decision is the rule's, promoted by the shipped model unless the system is missing or an
                    // error awaits what the reporter was doing (DescriptionAnalyzer.Decide):
                    // the script's "integrated" mode recomputes exactly this with weights fitted without the left-out set.
                    var decided = analyzer.Analyze(@case.Text, @case.Locale, @case.Answers).Specific;
                    var promotable = features["missingSystem"] == 0 && !(features["hasError"] == 1 && features["missingAction"] == 1)
                        && features["displayPeriod"] == 0 && features["nothingWrong"] == 0;
                    Assert.Equal(features["engineSpecific"] == 1 || (promotable && SpecificModel.Default.SaysSpecific(features)), decided);
                    writer.WriteLine(JsonSerializer.Serialize(new { set = Path.GetFileNameWithoutExtension(file), id = @case.Id, specific = @case.Specific, decided, locale = @case.Locale, text = @case.Text, features }));
                    rows++;
                }
            }
        }

        Assert.True(rows >= 1000, $"only {rows} labelled tuning cases exported");
    }
}
