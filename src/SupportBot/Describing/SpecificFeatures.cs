using System.Globalization;

namespace SupportBot.Describing;

/// <summary>
/// The engine's own facts about a report, and a few cheap text features, as numbers: the input of the learned
/// "specific" decision (<see cref="SpecificModel"/>, bench/README.md "A learned decision for specific"). The names are
/// the model file's; bench/SpecificLoso/specific_loso.py fits the weights from the export of exactly these numbers, so
/// a feature changed here needs the model refitted.
/// </summary>
internal static class SpecificFeatures
{
    private static readonly string[] SymptomKinds =
    [
        "failed", "wrongData", "slow", "display", "disconnects", "cannotConnect", "blank", "noResponse", "noPower", "lost",
        "loop", "device", "denied", "crash", "audio", "passwordPrompt", "blueScreen", ActionSymptomReader.StatusShownKind,
        "wrongValue", "locked",
    ];

    private static readonly PhraseKind[] CountedKinds =
    [
        PhraseKind.Verb, PhraseKind.VerbNoun, PhraseKind.VagueVerb, PhraseKind.Symptom, PhraseKind.VagueSymptom, PhraseKind.Negation,
        PhraseKind.ErrorCue, PhraseKind.ContextMarker, PhraseKind.System, PhraseKind.Product,
    ];

    /// <summary>
    /// What depends on the text alone (its length, punctuation, lexicon hits over the whole text), so the analyzer
    /// reads it once per text beside the facts, not once per turn.
    /// </summary>
    public static IReadOnlyDictionary<string, double> OfText(string text, DescriptionLexicon lexicon)
    {
        var scan = new TextScan(text, lexicon);
        var features = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["logLength"] = Math.Log(1 + scan.Text.Length),
            ["question"] = Flag(scan.Text.Contains('?', StringComparison.Ordinal)),
            ["quoted"] = Flag(scan.Quotes.Count > 0),
            ["digits"] = Flag(scan.Text.Any(char.IsAsciiDigit)),
            ["clauses"] = Math.Log(1 + scan.Text.Count(TextScan.IsClausePunctuation)),
        };

        foreach (var kind in CountedKinds)
        {
            features["count." + kind.ToString().ToLower(CultureInfo.InvariantCulture)] = Math.Log(1 + scan.Of(kind).Count());
        }

        return features;
    }

    /// <summary>
    /// Every feature of a report: <paramref name="facts"/> are the text's facts with the answers applied (before the
    /// generic error symptom is given its words), <paramref name="text"/> what <see cref="OfText"/> read.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Of(DescriptionFacts facts, string locale, IReadOnlyDictionary<string, double> text)
    {
        var features = new Dictionary<string, double>(text, StringComparer.Ordinal)
        {
            ["engineSpecific"] = Flag(facts.Specific),
            ["missingSystem"] = Flag(facts.Missing(DescriptionSlot.System)),
            ["missingAction"] = Flag(facts.Missing(DescriptionSlot.Action)),
            ["missingSymptom"] = Flag(facts.Missing(DescriptionSlot.Symptom)),
            ["hasSystem"] = Flag(facts.System is not null),
            ["catalogueSystem"] = Flag(facts.CatalogueSystem is not null),
            ["kindApplication"] = Flag(facts.CatalogueSystem?.Kind == SystemKind.Application),
            ["kindNetwork"] = Flag(facts.CatalogueSystem?.Kind == SystemKind.Network),
            ["kindDevice"] = Flag(facts.CatalogueSystem?.Kind == SystemKind.Device),
            ["kindAccount"] = Flag(facts.CatalogueSystem?.Kind == SystemKind.Account),
            ["generalPurpose"] = Flag(facts.CatalogueSystem?.GeneralPurpose == true),
            ["oneFunction"] = Flag(facts.CatalogueSystem?.OneFunction == true),
            ["systemUnknown"] = Flag(facts.SystemUnknown),
            ["hasAction"] = Flag(facts.Action is not null),
            ["actionInSymptom"] = Flag(facts.Action?.InSymptom == true),
            ["hasClause"] = Flag(facts.Clause is not null),
            ["hasElement"] = Flag(facts.Element is not null),
            ["elementButton"] = Flag(facts.Element is { } element && (element.EndsWith("button", StringComparison.OrdinalIgnoreCase) || element.EndsWith("按钮", StringComparison.Ordinal))),
            ["hasSymptom"] = Flag(facts.Symptom is not null),
            ["symptomGeneric"] = Flag(facts.Symptom is { Text: "" }),
            ["hasError"] = Flag(facts.Error is not null),
            ["errorIsMessage"] = Flag(facts.Error?.IsMessage == true),
            ["saysNoError"] = Flag(facts.ErrorState == ErrorCodeState.None),
            ["hasFrequency"] = Flag(facts.Context.Frequency is not null),
            ["hasScope"] = Flag(facts.Context.Scope is not null),
            ["hasSince"] = Flag(facts.Context.Since is not null),
            ["hasVersion"] = Flag(facts.Context.Version is not null),
            ["hasPlace"] = Flag(facts.Place is not null),
            ["hasRequest"] = Flag(facts.Request is not null),
            ["localeZh"] = Flag(locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)),

            // Not features of the model (bench/SpecificLoso leaves them out): the guards the decision applies, exported so the
            // script's "integrated" mode can apply them too.
            ["displayPeriod"] = Flag(facts.DisplayKeepsAPeriod),
            ["nothingWrong"] = Flag(facts.SaysNothingWrong),
        };

        foreach (var kind in SymptomKinds)
        {
            features["symptom." + kind] = Flag(facts.Symptom?.Kind == kind);
        }

        return features;
    }

    private static double Flag(bool value) => value ? 1 : 0;
}
