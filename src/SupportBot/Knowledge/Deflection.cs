namespace SupportBot.Knowledge;

internal enum DeflectionOutcome
{
    /// <summary>Shown; the reporter has not answered yet.</summary>
    Pending,

    /// <summary>"This solved it": the report ended there, nothing was filed (a self-service record).</summary>
    Accepted,

    /// <summary>"Not this — continue", or the reporter simply went on answering.</summary>
    Declined,
}

/// <summary>
/// Articles offered to one reporter during one intake, and what they said: the self-service record when they accepted
/// one. Keyed by the intake form, so an offer is recorded once however often its buttons are pressed.
/// </summary>
internal sealed record DeflectionRecord
{
    public required string Id { get; init; }
    public required string ReporterId { get; init; }

    /// <summary>The system the report is about (catalogue name), for the net-deflection rule.</summary>
    public string? System { get; init; }

    public required string Locale { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> Offered { get; init; }
    public required DateTimeOffset OfferedAt { get; init; }
    public DeflectionOutcome Outcome { get; init; }
    public string? Accepted { get; init; }
    public DateTimeOffset? SettledAt { get; init; }
}

/// <summary>Offers and their outcomes; LiteDB implements it now, a shared database later. Inside a turn a save joins its transaction.</summary>
internal interface IDeflectionStore
{
    DeflectionRecord? Find(string id);

    Task SaveAsync(DeflectionRecord record);

    /// <summary>Offers made in [from, to), oldest first.</summary>
    IEnumerable<DeflectionRecord> Between(DateTimeOffset from, DateTimeOffset to);
}
