namespace SupportBot.Review;

/// <summary>
/// What the weekly review keeps in the database: which reviews were handed to the outbox (a deterministic key per
/// audience and week), since when reviews are sent at all, and the key that signs page links.
/// </summary>
internal interface IReviewLedger
{
    /// <summary>
    /// Runs <paramref name="send"/> (which adds outbox rows) and records <paramref name="key"/> in one transaction,
    /// unless <paramref name="key"/> is recorded already. True when it ran now, false when it had run before.
    /// </summary>
    Task<bool> SendOnceAsync(string key, Action send);

    bool WasSent(string key);

    /// <summary>When reviews were first scheduled on this database (recorded at the first call): no earlier week is "missed".</summary>
    Task<DateTimeOffset> SinceAsync(DateTimeOffset now);

    /// <summary>The link-signing key kept in the database, generated at the first call.</summary>
    Task<byte[]> SigningKeyAsync();
}
