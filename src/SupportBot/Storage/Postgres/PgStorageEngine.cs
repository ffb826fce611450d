using Npgsql;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// The PostgreSQL engine's parts over one database: the pooled data source reads go through, the commit queue every
/// write goes through, and the stores built on them. Made after <see cref="PgSchema.MigrateAsync"/> has run.
/// </summary>
/// <remarks>
/// <c>Storage:Provider = PostgreSql</c> registers these stores for the app's interfaces (StorageExtensions.AddPostgreSqlStorage).
/// </remarks>
internal sealed class PgStorageEngine : IDisposable
{
    public PgStorageEngine(NpgsqlDataSource source, TimeProvider time, DirectLineFiles uploads, IEnumerable<Knowledge.IKnowledgeChangeListener> knowledgeListeners)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Commits = new PgCommitQueue(source, time);
        States = new PgBotStorage(source, Commits);
        Records = new PgIdempotencyRecords(source, Commits, time);
        Handled = new PgHandledActivities(States, Records);
        Tickets = new PgTicketStore(source, Commits);
        CardPosts = new PgCardPostStore(source, Commits);
        Outbox = new PgOutboxRows(source, Commits, time);
        Knowledge = new PgKnowledgeStore(source, Commits, knowledgeListeners);
        References = new PgConversationReferenceStore(source, Commits);
        TicketFiles = new PgTicketFiles(source, Commits, uploads);
        WakeUps = new PgReminderWakeUps(source, Commits);
        HeldNudges = new PgHeldNudges(source, Commits);
        Jobs = new PgJobTransactions(Commits);
        ReviewLedger = new PgReviewLedger(source, Commits, time);
        TriageChannels = new PgTriageChannelStore(source, Commits);
        Deflections = new PgDeflectionStore(source, Commits);
        Arming = new PgReminderArming(source);
    }

    public NpgsqlDataSource Source { get; }

    public PgCommitQueue Commits { get; }

    public PgBotStorage States { get; }

    public PgIdempotencyRecords Records { get; }

    public PgHandledActivities Handled { get; }

    public PgTicketStore Tickets { get; }

    public PgCardPostStore CardPosts { get; }

    public PgOutboxRows Outbox { get; }

    public PgKnowledgeStore Knowledge { get; }

    public PgConversationReferenceStore References { get; }

    public PgTicketFiles TicketFiles { get; }

    public PgReminderWakeUps WakeUps { get; }

    public PgHeldNudges HeldNudges { get; }

    public PgJobTransactions Jobs { get; }

    public PgReviewLedger ReviewLedger { get; }

    public PgTriageChannelStore TriageChannels { get; }

    public PgDeflectionStore Deflections { get; }

    /// <summary>Turns at the reminders' clustered trigger, across the instances on this database.</summary>
    public PgReminderArming Arming { get; }

    public void Dispose()
    {
        Commits.Dispose();
        Tickets.Dispose();
        Arming.Dispose();
    }
}
