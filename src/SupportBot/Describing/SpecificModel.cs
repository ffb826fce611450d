using System.Text.Json;

namespace SupportBot.Describing;

/// <summary>
/// The learned "specific" decision: a logistic regression over <see cref="SpecificFeatures"/> whose weights
/// bench/SpecificLoso/specific_loso.py (mode <c>fit</c>) writes to specific-model.json. It reads only the engine's facts
/// and the text, never the rule's own verdict, so it judges a report independently of <see cref="DescriptionFacts.Specific"/>;
/// <see cref="DescriptionAnalyzer"/> decides how the two are combined.
/// </summary>
internal sealed class SpecificModel
{
    private readonly double _bias;
    private readonly KeyValuePair<string, double>[] _weights;

    public SpecificModel(double bias, IReadOnlyDictionary<string, double> weights)
    {
        _bias = bias;
        _weights = [.. weights];
    }

    /// <summary>The model compiled into the assembly.</summary>
    public static SpecificModel Default { get; } = Load();

    /// <summary>Whether the model calls the report specific: its log-odds are above zero (probability above one half).</summary>
    /// <remarks>A feature the model knows and the report lacks counts as 0, as a flag that is not set.</remarks>
    public bool SaysSpecific(IReadOnlyDictionary<string, double> features)
    {
        var logOdds = _bias;
        foreach (var (name, weight) in _weights)
        {
            logOdds += weight * features.GetValueOrDefault(name);
        }

        return logOdds > 0;
    }

    private static SpecificModel Load()
    {
        using var stream = EmbeddedData.Open("specific-model.json");
        var file = JsonSerializer.Deserialize<ModelFile>(stream, EmbeddedData.JsonOptions)
            ?? throw new InvalidOperationException("specific-model.json is empty.");
        if (file.Features.Count != file.Weights.Count)
        {
            throw new InvalidOperationException($"specific-model.json has {file.Features.Count} features but {file.Weights.Count} weights.");
        }

        return new SpecificModel(file.Bias, file.Features.Zip(file.Weights).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal));
    }

    /// <summary>The file as the fitting script writes it; lambda, the training sets and the date document how it was made.</summary>
    private sealed record ModelFile(IReadOnlyList<string> Features, IReadOnlyList<double> Weights, double Bias, double Lambda, IReadOnlyList<string> TrainedOn, string Date);
}
