using System.Text.Json;
using SupportBot.BotFramework.State;
using SupportBot.Common;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>
/// LiteDB's log, which every turn's commit appends to, is copied into the data file while every turn waits. Must hold:
/// the log never grows past the checkpoint size SupportBot sets (plus one commit), so each of those waits is short and
/// a crash leaves little to replay.
/// </summary>
public sealed class LogCheckpointTests
{
    private const int PageSize = 8192;

    [Fact]
    public async Task Turns_committing_state_keep_the_log_under_the_checkpoint_size()
    {
        using var file = new TempDatabase();
        var log = Path.ChangeExtension(file.Path, null) + "-log.db";
        using var database = DatabaseFile.Open(file.Path);
        using var commits = new LiteDbCommitQueue(database);
        var storage = new LiteDbBotStorage(database, commits);
        var padding = new string('x', 1_500);

        long largest = 0, checkpoints = 0, before = 0;
        for (var turn = 0; turn < 3_000; turn++)
        {
            var work = new TurnWork();
            using (TurnWork.Enter(work))
            {
                var state = JsonDocument.Parse($$"""{"step":{{turn}},"form":"{{padding}}"}""").RootElement;
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [$"webchat/conversations/c{turn % 1_000}"] = new(state, null) });
            }

            await commits.CommitAsync(work);
            var length = new FileInfo(log).Length;
            largest = Math.Max(largest, length);
            checkpoints += length < before ? 1 : 0;
            before = length;
        }

        // Three thousand commits write several thousand pages: the log was copied and emptied more than once, not
        // merely short of a larger limit.
        Assert.True(checkpoints >= 2, $"the log was emptied {checkpoints} times");
        Assert.InRange(largest, 1, (DatabaseFile.CheckpointPages + 50L) * PageSize);
    }
}
