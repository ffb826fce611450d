using SupportBot.BotFramework.Schema;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// The storage engine's group commit as the turn middleware, the health check and the jobs see it: they commit a
/// <see cref="TurnWork"/> without knowing whether LiteDB (<see cref="LiteDbCommitQueue"/>) or PostgreSQL
/// (<see cref="Postgres.PgCommitQueue"/>) keeps it.
/// </summary>
internal interface ICommitQueue
{
    /// <summary>Why the last commit failed, or null when it succeeded (what /healthz reports).</summary>
    string? Fault { get; }

    /// <summary>Commits every write a turn (or a job) collected, in one transaction; nothing when it wrote nothing.</summary>
    Task CommitAsync(TurnWork work);

    /// <summary>Completes when everything queued so far is committed.</summary>
    Task FlushAsync();

    /// <summary>Commits a small probe write, so the health check sees whether commits work now.</summary>
    Task ProbeAsync();
}

/// <summary>Which activities a conversation has handled (a channel's redelivery is not run again), kept by the engine beside its state.</summary>
internal interface IHandledActivities
{
    /// <summary>Whether <paramref name="activity"/> was handled before; read in <paramref name="work"/>.</summary>
    bool Seen(TurnWork work, Activity activity);

    /// <summary>Records <paramref name="activity"/> as handled in <paramref name="work"/>'s transaction, after the turn's own writes.</summary>
    void Record(TurnWork work, Activity activity);
}

/// <summary>Whether an error is the storage failing (disk, file, connection, server) rather than a write's own logic.</summary>
internal static class StorageFaults
{
    public static bool IsStorageFault(Exception error) =>
        LiteDbCommitQueue.IsStorageFault(error) || Postgres.PgCommitQueue.IsStorageFault(error);
}
