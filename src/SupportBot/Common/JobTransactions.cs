namespace SupportBot.Common;

/// <summary>
/// A scheduled job's changes as one unit, like a turn's: whatever <c>body</c> changes (a ticket, an article) and every
/// message it owes (outbox rows) commit together in one transaction, or none of it does. The storage engine runs it.
/// </summary>
internal interface IJobTransactions
{
    /// <summary>Runs <paramref name="body"/> as the current <see cref="TurnWork"/> and commits what it wrote.</summary>
    Task<T> RunAsync<T>(Func<T> body);
}
