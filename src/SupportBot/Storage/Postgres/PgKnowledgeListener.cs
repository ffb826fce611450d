using Npgsql;
using SupportBot.Knowledge;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Hears the articles other instances save (<c>LISTEN</c> on <see cref="PgKnowledgeStore.Channel"/>), reads them from
/// the store and hands them to this process's knowledge listeners (the search index, whose add is an upsert by id), so
/// an article archived on one instance is offered by every other before filing, without a restart.
/// </summary>
/// <remarks>
/// A connection of its own beside <see cref="PgTranscriptListener"/>: that one's loop is about live web chat streams,
/// and an index rebuilt from the store on every reconnect does not belong in it. Notices carry no claim about
/// completeness, so the index's own "complete up to" sequence is never advanced from here.
/// </remarks>
internal sealed partial class PgKnowledgeListener(
    NpgsqlDataSource source, PgKnowledgeStore store, IEnumerable<IKnowledgeChangeListener> listeners, TimeProvider time, ILogger<PgKnowledgeListener> log) : BackgroundService
{
    /// <summary>
    /// How many change sequences before the last connection's starting point a (re)connect reads again. Sequences come
    /// from one PostgreSQL sequence, so a save that took its number before that point may commit after it (and after
    /// the drop, unheard); a save's transaction is one turn or one import, so only saves already in flight then can do
    /// that. Articles change rarely (an archived ticket, an admin's edit): 500 covers far more saves in flight than
    /// occur, and reading 500 articles again on a reconnect costs well under a second.
    /// </summary>
    internal const int Window = 500;

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Set once LISTEN is first in place: tests wait for it before they count on hearing another instance.</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource _listeningAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The highest committed sequence when LISTEN was last in place; -1 before the first time.</summary>
    private long _listenedFrom = -1;

    public Task Listening => _listening.Task;

    /// <summary>Completes the next time LISTEN is in place and what it may have missed is indexed.</summary>
    public Task ListeningAgain => Volatile.Read(ref _listeningAgain).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // As PgTranscriptListener: the first retry at once, then pauses that grow while the database stays away.
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => pause = TimeSpan.Zero, stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && error is NpgsqlException or TimeoutException or System.IO.IOException or InvalidOperationException)
            {
                Dropped(log, error, pause);
                try
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = pause == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken stoppingToken)
    {
        await using var connection = await source.OpenConnectionAsync(stoppingToken);
        var heard = new List<string>();
        connection.Notification += (_, notice) =>
        {
            // An instance's own saves reached its index when they committed.
            if (notice.Payload.Split('|') is [var origin, var id] && origin != store.Origin)
            {
                heard.Add(id);
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {PgKnowledgeStore.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // From here on every commit is heard; what committed before is read again from the store. The first time, the
        // window also covers another instance's save that was in flight when this index last recorded its progress.
        var now = store.LastSequence();
        var before = Interlocked.Exchange(ref _listenedFrom, now);
        var from = before >= 0 ? before : now;
        Index([.. store.ChangedSince(Math.Max(0, from - Window))]);
        listening();
        _listening.TrySetResult();
        Interlocked.Exchange(ref _listeningAgain, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(Quiet, stoppingToken))
            {
                await using var alive = new NpgsqlCommand("SELECT 1", connection);
                await alive.ExecuteScalarAsync(stoppingToken);
            }

            // Read now, not from the notice: a later save of the same article may have committed since, and the newest wins.
            var ids = heard.Distinct(StringComparer.Ordinal).ToList();
            heard.Clear();
            Index([.. ids.Select(store.Find).OfType<KnowledgeArticle>()]);
        }
    }

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
