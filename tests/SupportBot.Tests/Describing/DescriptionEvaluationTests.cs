using SupportBot.Describing;
using Xunit.Abstractions;

namespace SupportBot.Tests.Describing;

/// <summary>
/// The engine's measured accuracy. The public labelled cases (shared/examples) and our own are the target
/// set: every field at 95% or better. The held-out cases were written after tuning and are never tuned on;
/// they measure how the engine does on phrasing it has not seen, and guard against regressions. Each report
/// (accuracy per field and every miss) is written to the test output; bench/README.md records the figures.
/// </summary>
public sealed class DescriptionEvaluationTests(ITestOutputHelper output)
{
    private const double Target = 0.95;

    // The held-out figures when they were first measured were specific 82.5%, system 100%, errorCode 95% (40 cases).
    // With 100 more cases written blind to the engine (h101–h200) they are specific 84.3%, system 90.7%, errorCode
    // 92.9%, missing 94.0% (140 cases). A floor below that catches a regression without pretending the held-out set
    // meets the 95% target.
    private const double HeldOutFloor = 0.80;

    private static readonly DescriptionAnalyzer Analyzer = DescriptionAnalyzer.CreateDefault();

    [Theory]
    [InlineData("public.jsonl", 24)]
    [InlineData("own.jsonl", 190)]
    public void Every_field_is_read_correctly_in_at_least_95_percent_of_cases(string file, int minimumCases)
    {
        var cases = DescriptionCase.Load(file);
        var score = DescriptionScore.Of(cases, Analyzer);
        output.WriteLine(score.Report(file));

        Assert.True(cases.Count >= minimumCases, $"{file} has {cases.Count} cases; expected at least {minimumCases}.");
        Assert.All(DescriptionScore.Fields.Where(field => score.Total(field) > 0), field =>
            Assert.True(score.Accuracy(field) >= Target, $"{field}: {score.Accuracy(field):P1} < {Target:P0}\n{score.Report(file)}"));
    }

    [Fact]
    public void Held_out_cases_stay_above_their_first_measured_floor()
    {
        var cases = DescriptionCase.Load("holdout.jsonl");
        var score = DescriptionScore.Of(cases, Analyzer);
        output.WriteLine(score.Report("holdout.jsonl"));

        Assert.True(cases.Count >= 140);
        Assert.All(DescriptionScore.Fields.Where(field => score.Total(field) > 0), field =>
            Assert.True(score.Accuracy(field) >= HeldOutFloor, $"{field}: {score.Accuracy(field):P1}\n{score.Report("holdout.jsonl")}"));
    }
}
