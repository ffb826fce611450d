namespace SupportBot.Describing;

/// <summary>
/// Everything read from the text and the answers, before it is turned into slots, a question and a
/// composed description.
/// </summary>
internal sealed record DescriptionFacts
{
    public string? System { get; init; }
    public SystemEntry? CatalogueSystem { get; init; }

    /// <summary>The reporter said they don't know the system; asking again would not help.</summary>
    public bool SystemUnknown { get; init; }

    public ActionMention? Action { get; init; }

    /// <summary>
    /// The reporter's own clause when the action runs straight into the symptom ("打印出来全是乱码",
    /// "prints blank pages"): quoting it reads better than splitting it into "when …, …".
    /// </summary>
    public string? Clause { get; init; }
    public string? Element { get; init; }
    public SymptomMention? Symptom { get; init; }
    public ErrorText? Error { get; init; }
    public ErrorCodeState ErrorState { get; init; }
    public ProblemContext Context { get; init; } = new(null, null, null, null);

    public bool Missing(string slot) => slot switch
    {
        DescriptionSlot.System => System is null && !SystemUnknown && Error is null,
        DescriptionSlot.Action => Action is null,
        DescriptionSlot.Symptom => Symptom is null,
        DescriptionSlot.ErrorCode => ErrorState == ErrorCodeState.NotGiven,
        _ => false,
    };

    /// <summary>Specific: what broke (or the error that names it), what the reporter was doing, and what happened.</summary>
    public bool Specific => !Missing(DescriptionSlot.System) && !Missing(DescriptionSlot.Action) && !Missing(DescriptionSlot.Symptom);
}
