using System.Text.Json;
using LiteDB;
using SupportBot.BotFramework.State;
using SupportBot.Common;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>
/// The bot-state rows held after their commit: a turn must see exactly what the file holds — its conversation's last
/// committed turn, never a write that was rolled back, never an older row put back by a slow read — and the memory
/// they take stays bounded however many conversations pass.
/// </summary>
public sealed class CommittedRowsTests
{
    [Fact]
    public async Task A_turn_whose_commit_fails_leaves_the_next_turn_reading_the_last_committed_state()
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        using var commits = new LiteDbCommitQueue(database);
        var storage = new LiteDbBotStorage(database, commits);
        await Turn(commits, () => storage.WriteAsync(Change("conv", """{"step":1}""")));

        // The second turn writes step 2, and something else in its transaction fails: nothing of it may show.
        await Assert.ThrowsAnyAsync<LiteException>(() => Turn(commits, async () =>
        {
            await storage.WriteAsync(Change("conv", """{"step":2}"""));
            TurnWork.Current!.Write(() => throw new LiteException(0, "the disk went away"));
        }));

        var read = await Turn(commits, () => storage.ReadAsync(["conv"]));
        Assert.Equal(1, read["conv"].Document.GetProperty("step").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(database.GetCollection("botstate").FindAll().Single()["json"].AsString).RootElement.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task Each_turn_reads_what_the_previous_turn_of_its_conversation_committed()
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        using var commits = new LiteDbCommitQueue(database);
        var storage = new LiteDbBotStorage(database, commits);

        for (var step = 1; step <= 5; step++)
        {
            var before = await Turn(commits, () => storage.ReadAsync(["conv"]));
            Assert.Equal(step - 1, before.TryGetValue("conv", out var item) ? item.Document.GetProperty("step").GetInt32() : 0);
            await Turn(commits, () => storage.WriteAsync(Change("conv", $$"""{"step":{{step}}}""", item?.ETag)));
        }

        // And a stale ETag is still a conflict: the held row carries the committed ETag.
        await Assert.ThrowsAsync<StorageConflictException>(() => Turn(commits, () => storage.WriteAsync(Change("conv", """{"step":9}""", "stale"))));
    }

    [Fact]
    public void A_read_that_raced_a_commit_is_not_kept()
    {
        var rows = new CommittedRows(capacity: 8);
        var seen = rows.Generation;
        rows.Settle([("conv", Row(2))], committed: true);

        rows.Offer("conv", Row(1), seen); // read before the commit settled: older than the file now

        Assert.True(rows.TryGet("conv", out var held));
        Assert.Equal(2, held!["n"].AsInt32);
        rows.Offer("other", Row(1), seen);
        Assert.False(rows.TryGet("other", out _));
    }

    [Fact]
    public void A_failed_commit_drops_its_rows_and_a_delete_is_held_as_none()
    {
        var rows = new CommittedRows(capacity: 8);
        rows.Settle([("a", Row(1)), ("b", Row(1))], committed: true);

        rows.Settle([("a", Row(2))], committed: false);
        rows.Settle([("b", null)], committed: true);

        Assert.False(rows.TryGet("a", out _));
        Assert.True(rows.TryGet("b", out var none));
        Assert.Null(none);
    }

    [Fact]
    public void However_many_conversations_pass_it_holds_at_most_its_capacity()
    {
        var rows = new CommittedRows(capacity: 16);
        for (var i = 0; i < 10_000; i++)
        {
            rows.Settle([($"conv-{i}", Row(i))], committed: true);
            rows.Settle([($"conv-{i}", null)], committed: i % 3 == 0);
            rows.Offer($"user-{i}", Row(i), rows.Generation);
        }

        Assert.InRange(rows.Count, 1, 16);
        Assert.True(rows.TryGet("user-9999", out var last));
        Assert.Equal(9999, last!["n"].AsInt32);
    }

    private static BsonDocument Row(int n) => new() { ["n"] = n };

    private static Dictionary<string, StoreItem> Change(string key, string json, string? etag = null) =>
        new() { [key] = new StoreItem(JsonDocument.Parse(json).RootElement, etag) };

    /// <summary>Runs <paramref name="body"/> as a turn does: its writes collected, then committed together.</summary>
    private static async Task Turn(LiteDbCommitQueue commits, Func<Task> body) => await Turn(commits, async () => { await body(); return true; });

    private static async Task<T> Turn<T>(LiteDbCommitQueue commits, Func<Task<T>> body)
    {
        var work = new TurnWork();
        T result;
        using (TurnWork.Enter(work))
        {
            result = await body();
        }

        await commits.CommitAsync(work);
        return result;
    }
}
