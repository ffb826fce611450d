using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Ends idle conversations (transcript and files) that no <see cref="IConversationRetention"/> keeps, and forgets
/// finished rate-limit windows, every cleanup interval.
/// </summary>
public sealed partial class DirectLineCleanup(
    DirectLineConversations conversations,
    IEnumerable<IConversationRetention> retention,
    IDirectLineFileStore files,
    MinuteLimiter limiter,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CleanOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task<int> CleanOnceAsync(CancellationToken cancellationToken)
    {
        limiter.Prune();
        try
        {
            var ended = await conversations.EndIdleAsync(retention, cancellationToken);
            foreach (var id in ended)
            {
                await files.DeleteConversationAsync(id, cancellationToken);
                DirectLineUploads.DeleteConversation(options.Value, id);
            }

            if (ended.Count > 0)
            {
                Log.Ended(logger, ended.Count);
            }

            return ended.Count;
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            // Try again next interval: a locked file or a storage fault (seen: the database refusing new transactions
            // under a long load) must not stop the cleanup for good, let alone the host with every conversation in it.
            Log.Failed(logger, error);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Ended {Count} idle web chat conversation(s)")]
        public static partial void Ended(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up idle web chat conversations failed; trying again next interval")]
        public static partial void Failed(ILogger logger, Exception error);
    }
}
