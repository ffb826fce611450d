namespace SupportBot.Describing;

/// <summary>The slot names, as the HTTP contract and the intake dialog spell them.</summary>
internal static class DescriptionSlot
{
    public const string System = "system";
    public const string Action = "action";
    public const string Element = "element";
    public const string Symptom = "symptom";
    public const string ErrorCode = "errorCode";

    /// <summary>The order in which missing slots are asked: what is broken, what you were doing, what happened, which error.</summary>
    public static IReadOnlyList<string> AskOrder { get; } = [System, Action, Symptom, ErrorCode];
}

/// <summary>The reporter's answers to the engine's questions; any subset, raw strings.</summary>
internal sealed record DescriptionAnswers
{
    public string? System { get; init; }
    public string? Action { get; init; }
    public string? Element { get; init; }
    public string? Symptom { get; init; }
    public string? ErrorCode { get; init; }
}

/// <summary>What the description says, slot by slot; null where it says nothing.</summary>
internal sealed record DescriptionSlots
{
    public string? System { get; init; }
    public string? Action { get; init; }
    public string? Element { get; init; }
    public string? Symptom { get; init; }
    public string? ErrorCode { get; init; }
    public string? Frequency { get; init; }
    public string? Scope { get; init; }
    public string? Since { get; init; }
    public string? Version { get; init; }
}

/// <summary>Whether the reporter told us about an error code, and what.</summary>
internal enum ErrorCodeState
{
    NotGiven,
    Given,
    None,
    Unknown,
}

/// <summary>
/// The engine's verdict on a description. <see cref="Missing"/> lists the slots still to ask in asking
/// order; the error code comes last and is never required ("none" answers it). <see cref="Description"/>
/// is composed as soon as the required slots are known.
/// </summary>
internal sealed record DescriptionAnalysis
{
    public required bool Specific { get; init; }
    public required DescriptionSlots Slots { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public string? Question { get; init; }
    public string? Description { get; init; }

    /// <summary>The catalogue entry of the system, when it is one we know (its category helps intake).</summary>
    public SystemEntry? CatalogueSystem { get; init; }

    public ErrorCodeState ErrorCode { get; init; }
}
