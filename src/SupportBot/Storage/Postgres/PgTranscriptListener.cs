using Npgsql;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Hears what other instances append to Direct Line transcripts (<c>LISTEN</c> on one connection of its own) and tells
/// the live streams here, which read the new rows themselves. After a dropped connection is opened again
/// (<see cref="PgNoticeListener{TNotice}"/>), every stream reads what it may have missed.
/// </summary>
internal sealed partial class PgTranscriptListener(
    NpgsqlDataSource source, PgDirectLineTranscripts transcripts, DirectLineConversations conversations, TimeProvider time, ILogger<PgTranscriptListener> log)
    : PgNoticeListener<TranscriptNotice>(source, time)
{
    protected override string Channel => PgDirectLineTranscripts.Channel;

    protected override TranscriptNotice? Parse(string payload) =>
        TranscriptNotice.Parse(payload) is { } parsed && parsed.Origin != transcripts.Origin ? parsed : null;

    /// <summary>Whatever was appended while nobody here listened (at start, or while the connection was down) is in the table.</summary>
    protected override Task CatchUpAsync(CancellationToken stoppingToken)
    {
        conversations.CatchUp();
        return Task.CompletedTask;
    }

    protected override async Task HandleAsync(IReadOnlyList<TranscriptNotice> notices, CancellationToken stoppingToken)
    {
        foreach (var notice in notices)
        {
            if (notice.Kind == TranscriptNotice.StreamOpened)
            {
                conversations.StreamOpenedElsewhere(notice.ConversationId, notice.Sequence);
                continue;
            }

            await conversations.ChangedElsewhereAsync(notice.ConversationId, notice.Sequence, notice.Kind == TranscriptNotice.Replaced, stoppingToken);
        }
    }

    protected override void Dropped(Exception error, TimeSpan pause) => Dropped(log, error, pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances' web chat activities failed; trying again in {Pause}")]
    private static partial void Dropped(ILogger logger, Exception error, TimeSpan pause);
}
