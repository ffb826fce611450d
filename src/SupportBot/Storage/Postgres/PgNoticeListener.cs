using Npgsql;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// One <c>LISTEN</c> connection of its own for one channel, kept open: a dropped connection is opened again, after a
/// pause that grows to half a minute while the database stays away, and each time what may have been missed while
/// nobody listened is caught up (<see cref="CatchUpAsync"/>) before notices are handled again.
/// </summary>
internal abstract class PgNoticeListener<TNotice>(NpgsqlDataSource source, TimeProvider time) : BackgroundService
{
    /// <summary>How long a quiet connection waits before it checks it is still there (a dropped one can stay silent).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Set once LISTEN is first in place: tests wait for it before they count on hearing another instance.</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource _listeningAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Listening => _listening.Task;

    /// <summary>Completes the next time LISTEN is in place (after a dropped connection is opened again) and caught up.</summary>
    public Task ListeningAgain => Volatile.Read(ref _listeningAgain).Task;

    protected abstract string Channel { get; }

    /// <summary>The notice a payload carries, or null for one this instance ignores (its own, or not understood).</summary>
    protected abstract TNotice? Parse(string payload);

    /// <summary>Runs with LISTEN in place, so anything after it is heard: reads what was missed before it.</summary>
    protected abstract Task CatchUpAsync(CancellationToken stoppingToken);

    /// <summary>The notices heard since the last call, in the order they arrived.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TNotice> notices, CancellationToken stoppingToken);

    protected abstract void Dropped(Exception error, TimeSpan pause);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first retry is at once (a server restart or a killed connection is usually back by then); while the
        // database stays away the pauses grow.
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => pause = TimeSpan.Zero, stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && error is NpgsqlException or TimeoutException or System.IO.IOException or InvalidOperationException)
            {
                Dropped(error, pause);
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
        var heard = new List<TNotice>();
        connection.Notification += (_, notice) =>
        {
            if (Parse(notice.Payload) is { } parsed)
            {
                heard.Add(parsed);
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        await CatchUpAsync(stoppingToken);
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

            // Notices arrive inside WaitAsync (and inside the SELECT), on this loop: handled here, one batch at a time.
            if (heard.Count > 0)
            {
                var batch = heard.ToList();
                heard.Clear();
                await HandleAsync(batch, stoppingToken);
            }
        }
    }
}
