using Npgsql;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Hears what other instances append to Direct Line transcripts (<c>LISTEN</c> on one connection of its own) and tells
/// the live streams here, which read the new rows themselves. A dropped connection is opened again, after a pause
/// that grows to half a minute while the database stays away, and every stream then reads what it may have missed.
/// </summary>
internal sealed partial class PgTranscriptListener(
    NpgsqlDataSource source, PgDirectLineTranscripts transcripts, DirectLineConversations conversations, TimeProvider time, ILogger<PgTranscriptListener> log) : BackgroundService
{
    /// <summary>How long a quiet connection waits before it checks it is still there (a dropped one can stay silent).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <summary>Set once LISTEN is first in place: tests wait for it before they count on hearing another instance.</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource _listeningAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Listening => _listening.Task;

    /// <summary>Completes the next time LISTEN is in place (after a dropped connection is opened again).</summary>
    public Task ListeningAgain => Volatile.Read(ref _listeningAgain).Task;

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
                continue;
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
        var heard = new List<TranscriptNotice>();
        connection.Notification += (_, notice) =>
        {
            if (TranscriptNotice.Parse(notice.Payload) is { } parsed && parsed.Origin != transcripts.Origin)
            {
                heard.Add(parsed);
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {PgDirectLineTranscripts.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever was appended while nobody here listened (at start, or while the connection was down) is in the table.
        conversations.CatchUp();
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

            // Notices arrive inside WaitAsync (and inside the SELECT), on this loop: handled here, one at a time.
            foreach (var notice in heard.ToList())
            {
                if (notice.Kind == TranscriptNotice.StreamOpened)
                {
                    conversations.StreamOpenedElsewhere(notice.ConversationId, notice.Sequence);
                    continue;
                }

                await conversations.ChangedElsewhereAsync(notice.ConversationId, notice.Sequence, notice.Kind == TranscriptNotice.Replaced, stoppingToken);
            }

            heard.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances' web chat activities failed; trying again in {Pause}")]
    private static partial void Dropped(ILogger logger, Exception error, TimeSpan pause);
}
