namespace SupportBot.Tickets;

/// <summary>
/// What the description analyser read from a ticket's specific description when it was filed: the system (its
/// catalogue key), the error code and the symptom. Kept on the ticket so the weekly review groups recurring problems
/// without reading tens of thousands of descriptions again; a ticket filed before it was kept has none and is read.
/// </summary>
internal sealed record ProblemSlots
{
    public string? System { get; init; }
    public string? ErrorCode { get; init; }
    public string? Symptom { get; init; }
}

/// <summary>Reads a description's <see cref="ProblemSlots"/>; the knowledge feature implements it with the intake's analyser.</summary>
internal interface IProblemReader
{
    ProblemSlots Read(string specific, string? statedSystem);
}
