using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Reminders;
using SupportBot.Storage;
using SupportBot.Storage.Moving;
using SupportBot.Tests.Storage.Contract;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Moving;

/// <summary>
/// The stores the end-to-end move does not fill through a conversation, each with a row written through its LiteDB store
/// and read back through its PostgreSQL store after the move: what the next reminder pass, review or dispatch reads.
/// </summary>
public sealed class MoveEveryStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_store_arrives_with_what_it_held()
    {
        using var file = new TempDatabase();
        var clock = new FakeTimeProvider(At);
        var nudge = HeldNudgesContract.Nudge("TS-20261123-001");
        var offer = DeflectionStoreContract.Offer("deflection-1", At);
        var triage = new TriageChannel("apps", "msteams", "https://smba.example/amer/", "19:apps@thread.tacv2", "zh-CN", "28:bot", "tenant-1");
        var reference = new ConversationReference
        {
            ChannelId = Channels.MsTeams,
            ServiceUrl = "https://smba.example/amer/",
            Locale = "zh-CN",
            User = new ChannelAccount { Id = "29:zheng", AadObjectId = "aad-zheng", Name = "郑丽" },
            Bot = new ChannelAccount { Id = "28:bot", Name = "SupportBot" },
            Conversation = new ConversationAccount { Id = "a:zheng", ConversationType = "personal" },
        };
        DateTimeOffset since;
        byte[] key;
        string fileId;
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3];
        var uploads = Uploads.NewDirectory();
        using (var database = file.Open())
        using (var commits = new LiteDbCommitQueue(database, clock))
        {
            new LiteDbHeldNudges(database, commits).Hold(nudge, "eng-1", At.AddMinutes(10));
            await new LiteDbReminderWakeUps(database, commits).SetAsync("TS-20261123-001", At.AddHours(2));
            await new LiteDbDeflectionStore(database, commits).SaveAsync(offer);
            var ledger = new LiteDbReviewLedger(database, commits, clock);
            await ledger.SendOnceAsync("weekly-review|apps|2026-W48", () => { });
            since = await ledger.SinceAsync(At.AddDays(-7));
            key = await ledger.SigningKeyAsync();
            new LiteDbTriageChannelStore(database).Save("apps", triage);

            // A web customer's upload, kept with their ticket in the file's own storage.
            var upload = Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.Combine(uploads, "conv-7"));
            await File.WriteAllBytesAsync(Path.Combine(uploads, "conv-7", upload), bytes);
            await File.WriteAllTextAsync(Path.Combine(uploads, "conv-7", upload + ".type"), "image/png");
            var kept = new LiteDbTicketFiles(database, commits, Uploads.Files(uploads)).Keep(
                [new AttachmentRef { Name = "screen.png", Url = $"https://bot.example/v3/directline/conversations/conv-7/files/{upload}", ContentType = "application/octet-stream", AddedAt = At, AddedBy = "29:reporter" }],
                new ConversationAddress(Channels.WebChat, "conv-7"));
            fileId = kept[0].Url[(kept[0].Url.LastIndexOf('/') + 1)..];
            await new LiteDbConversationReferenceStore(database, commits).SaveAsync(reference);

            // Three rows of one kind: delivered, parked, and one owed after a failed try.
            var outbox = new LiteDbOutboxRows(database, commits, clock);
            foreach (var target in new[] { "A", "B", "C" })
            {
                outbox.Add(ReminderOutbox.OutboxKind, target, Message(target, nudge));
            }

            var rows = outbox.PendingRows(10);
            await outbox.MarkDeliveredAsync(rows[1]);
            await outbox.ParkAsync(rows[2], 8, "the chat is gone");
            await outbox.RetryLaterAsync(rows[0], 2, At.AddMinutes(5), "503 from the channel");

            var work = new TurnWork();
            new IdempotencyRecords(database, commits, clock).Record(work, "form|submit-1");
            await commits.CommitAsync(work);
            await commits.FlushAsync();
        }

        Uploads.Delete(uploads);
        using var pg = new PostgreSqlUnderTest();
        await MoveToPostgreSql.MoveAsync(file.Path, pg.ConnectionString, clock);

        var moved = pg.TicketFiles.Open(fileId)!;
        using (var content = new MemoryStream())
        {
            await moved.Content.CopyToAsync(content);
            await moved.Content.DisposeAsync();
            Assert.Equal(("screen.png", "image/png"), (moved.Name, moved.ContentType));
            Assert.Equal(bytes, content.ToArray());
        }

        var held = Assert.Single(pg.HeldNudges.Of("eng-1"));
        Assert.Equal((nudge, At.AddMinutes(10)), (held.Nudge, held.FlushAt));
        Assert.Equal(["TS-20261123-001"], pg.WakeUps.DueBy(At.AddHours(2), 10));
        Assert.Empty(pg.WakeUps.DueBy(At.AddHours(2).AddTicks(-10), 10));
        Assert.Equal(JsonSerializer.Serialize(offer), JsonSerializer.Serialize(pg.Deflections.Find("deflection-1")));
        Assert.True(pg.ReviewLedger.WasSent("weekly-review|apps|2026-W48"));
        Assert.Equal(since, await pg.ReviewLedger.SinceAsync(At));
        Assert.Equal(key, await pg.ReviewLedger.SigningKeyAsync());
        Assert.Equal(triage, pg.TriageChannels.Find("apps"));
        Assert.Equal(JsonSerializer.Serialize(reference), JsonSerializer.Serialize(await pg.References.FindPersonalAsync(Channels.MsTeams, "aad-zheng")));
        Assert.True(pg.Engine.Records.Seen("form|submit-1"));

        Assert.Equal((1, 1, 1), (pg.Outbox.Count(OutboxRowState.Pending), pg.Outbox.Count(OutboxRowState.Delivered), pg.Outbox.Count(OutboxRowState.Parked)));
        var owed = Assert.Single(pg.Outbox.PendingRows(10));
        Assert.Equal(("A", 2, At.AddMinutes(5)), (owed.Key, owed.Attempts, owed.Due));
        Assert.Equal(JsonSerializer.Serialize(Message("A", nudge)), JsonSerializer.Serialize(owed.Message.Read<ReminderMessage>()));
    }

    /// <summary>A payload with a nested step: its times and enums must read back the same from the other engine's JSON.</summary>
    private static ReminderMessage Message(string target, OwedReminder step) =>
        new() { What = ReminderMessageKind.Step, Steps = [step with { Number = target }] };
}
