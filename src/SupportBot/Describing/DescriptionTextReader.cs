namespace SupportBot.Describing;

/// <summary>
/// What a text says on its own: each reader takes its slot from one scan of the text (error first, since its words
/// are no verbs or systems), and an action that runs straight into its symptom is kept as the reporter's clause.
/// The answers to the engine's questions are applied on top by <see cref="DescriptionAnswerReader"/>.
/// </summary>
internal static class DescriptionTextReader
{
    public static DescriptionFacts Read(string text, DescriptionLexicon lexicon)
    {
        var scan = new TextScan(text, lexicon);
        var error = ErrorTextReader.Read(scan);
        var (action, symptom) = ActionSymptomReader.Read(scan, error);
        var system = SystemReader.Read(scan, problemAt: symptom is { Text.Length: > 0 } ? symptom.Start : error?.Start);
        return new DescriptionFacts
        {
            Clause = AdjacentClause(scan, action, symptom),
            System = system?.Name,
            CatalogueSystem = system?.Entry,
            Action = action,
            Element = ElementReader.Read(scan),
            Symptom = symptom,
            Error = error,
            ErrorState = error is not null ? ErrorCodeState.Given : SaysNoError(scan) ? ErrorCodeState.None : ErrorCodeState.NotGiven,
            Context = ContextReader.Read(scan),
            Request = RequestReader.Read(scan, symptom, error),
        };
    }

    private static bool SaysNoError(TextScan scan) =>
        scan.Lexicon.NoErrorStatements.Any(statement => scan.Lower.Contains(statement, StringComparison.Ordinal));

    private static string? AdjacentClause(TextScan scan, ActionMention? action, SymptomMention? symptom)
    {
        const int MaxGap = 3;
        if (action is null || symptom is null || action.InSymptom || action.End < 0 || symptom.Start < action.End || symptom.Start - action.End > MaxGap)
        {
            return null;
        }

        return scan.Text[action.End..symptom.Start].Any(TextScan.IsClausePunctuation) ? null : scan.Slice(action.Start, symptom.End);
    }
}
