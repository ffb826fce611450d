using Npgsql;
using SupportBot.Knowledge;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Hears the articles other instances save (<c>LISTEN</c> on <see cref="PgKnowledgeStore.Channel"/>), reads them from
/// the store and hands them to this process's knowledge listeners (the search index, whose add is an upsert by id), so
/// an article archived on one instance is offered by every other before filing, without a restart.
/// </summary>
/// <remarks>
/// A connection of its own beside <see cref="PgTranscriptListener"/>'s (both <see cref="PgNoticeListener{TNotice}"/>):
/// one more connection per process keeps web chat streams and index catch-ups from waiting on each other. Notices
/// carry no claim about completeness, so the index's own "complete up to" sequence is never advanced from here.
/// </remarks>
internal sealed partial class PgKnowledgeListener(
    NpgsqlDataSource source, PgKnowledgeStore store, IEnumerable<IKnowledgeChangeListener> listeners, TimeProvider time, ILogger<PgKnowledgeListener> log)
    : PgNoticeListener<string>(source, time)
{
    /// <summary>
    /// How many change sequences before the last connection's starting point a (re)connect reads again. Sequences come
    /// from one PostgreSQL sequence, so a save that took its number before that point may commit after it (and after
    /// the drop, unheard); a save's transaction is one turn or one import, so only saves already in flight then can do
    /// that. Articles change rarely (an archived ticket, an admin's edit): 500 covers far more saves in flight than
    /// occur, and reading 500 articles again on a reconnect costs well under a second.
    /// </summary>
    internal const int Window = 500;

    /// <summary>The highest committed sequence when LISTEN was last in place; -1 before the first time.</summary>
    private long _listenedFrom = -1;

    protected override string Channel => PgKnowledgeStore.Channel;

    /// <summary>The article id of another instance's save; an instance's own saves reached its index when they committed.</summary>
    protected override string? Parse(string payload) => payload.Split('|') is [var origin, var id] && origin != store.Origin ? id : null;

    /// <summary>
    /// From here on every commit is heard; what committed before is read again from the store. The first time, the
    /// window also covers another instance's save that was in flight when this index last recorded its progress.
    /// </summary>
    protected override Task CatchUpAsync(CancellationToken stoppingToken)
    {
        var now = store.LastSequence();
        var before = Interlocked.Exchange(ref _listenedFrom, now);
        var from = before >= 0 ? before : now;
        Index([.. store.ChangedSince(Math.Max(0, from - Window))]);
        return Task.CompletedTask;
    }

    /// <summary>Read now, not from the notice: a later save of the same article may have committed since, and the newest wins.</summary>
    protected override Task HandleAsync(IReadOnlyList<string> notices, CancellationToken stoppingToken)
    {
        Index([.. notices.Distinct(StringComparer.Ordinal).Select(store.Find).OfType<KnowledgeArticle>()]);
        return Task.CompletedTask;
    }

    protected override void Dropped(Exception error, TimeSpan pause) => Dropped(log, error, pause);

    private void Index(IReadOnlyList<KnowledgeArticle> articles)
    {
        if (articles.Count == 0)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            // complete: 0 claims nothing: only this instance's own saves say what is complete for its index.
            listener.Committed(articles, complete: 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances' knowledge articles failed; trying again in {Pause}")]
    private static partial void Dropped(ILogger logger, Exception error, TimeSpan pause);
}
