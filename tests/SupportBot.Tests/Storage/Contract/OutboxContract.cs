using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Reminders;
using SupportBot.Review;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What every proactive message relies on, whichever engine keeps the outbox: a row exists exactly when the turn that
/// wrote it committed, rows go out oldest first with their payload as written, a retry and a half-done send are
/// remembered, a delivered or parked row is never sent again (not after a restart either), and only old delivered rows
/// are purged.
/// </summary>
public abstract partial class OutboxContract : StorageContract
{
    private IOutboxRows Sut => Storage.Outbox;

    [Fact]
    public async Task A_row_exists_once_its_turn_committed_and_never_when_the_turn_failed()
    {
        var added = 0;
        Sut.Added += () => Interlocked.Increment(ref added);

        await Turns.FailAsync(Storage.Commits, () => { Sut.Add(ReviewSender.Kind, "lost", Review("lead-0")); return Task.CompletedTask; });
        Assert.Equal(0, added);
        Assert.Empty(Sut.PendingRows(10));

        await Turns.RunAsync(Storage.Commits, () => Sut.Add(ReviewSender.Kind, "2026-W48|lead-1", Review("lead-1")));

        Assert.Equal(1, added);
        var row = Assert.Single(Sut.PendingRows(10));
        Assert.Equal((ReviewSender.Kind, "2026-W48|lead-1", 0, 0), (row.Kind, row.Key, row.Attempts, row.Done));
        Assert.Equal(Storage.Clock.GetUtcNow(), row.Due);
        Assert.Equal(Review("lead-1"), row.Message.Read<ReviewMessage>());
    }

    [Fact]
    public void A_row_added_outside_a_turn_is_committed_before_add_returns_and_reads_back_as_its_type()
    {
        var added = 0;
        Sut.Added += () => Interlocked.Increment(ref added);
        var closed = new ReminderMessage { What = ReminderMessageKind.AutoClosed, Target = "20261123-0007" };

        Sut.Add("reminder", "20261123-0007", closed);

        Assert.Equal(1, added);
        var read = Assert.Single(Sut.PendingRows(10)).Message.Read<ReminderMessage>();
        Assert.Equal((ReminderMessageKind.AutoClosed, "20261123-0007"), (read.What, read.Target));
        Assert.Empty(read.Steps);
    }

    [Fact]
    public async Task Pending_rows_come_oldest_first_and_leave_once_delivered_or_parked()
    {
        foreach (var id in new[] { "lead-1", "lead-2", "lead-3", "lead-4" })
        {
            Sut.Add(ReviewSender.Kind, id == "lead-3" ? "lead-1" : id, Review(id));
        }

        var rows = Sut.PendingRows(10);
        Assert.Equal(["lead-1", "lead-2", "lead-3", "lead-4"], rows.Select(Recipient));
        Assert.Equal(["lead-1", "lead-2"], Sut.PendingRows(2).Select(Recipient));

        await Sut.MarkDeliveredAsync(rows[0]);
        await Sut.ParkAsync(rows[1], 8, "Forbidden");

        Assert.Equal(["lead-3", "lead-4"], Sut.PendingRows(10).Select(Recipient));
        Assert.Equal((2, 1, 1), (Sut.Count(OutboxRowState.Pending), Sut.Count(OutboxRowState.Delivered), Sut.Count(OutboxRowState.Parked)));
    }

    [Fact]
    public async Task A_retry_and_a_half_done_send_are_read_back_on_the_next_pass()
    {
        Sut.Add(ReviewSender.Kind, "k", Review("lead-1"));
        var row = Assert.Single(Sut.PendingRows(10));
        var retryAt = Storage.Clock.GetUtcNow().AddMinutes(4);

        await Sut.ProgressAsync(row, 2);
        await Sut.RetryLaterAsync(row, 1, retryAt, "HttpRequestException: 503");

        var again = Assert.Single(Sut.PendingRows(10));
        Assert.Equal((1, 2, retryAt), (again.Attempts, again.Done, again.Due));
        Assert.Equal(row.Id, again.Id);
    }

    [Fact]
    public async Task A_claim_passes_over_rows_waiting_for_a_later_try_to_the_due_rows_behind_them()
    {
        // Before, LiteDB handed out the oldest pending rows whether due or not: once a full claim's worth waited for a
        // later try (a channel down for a while), the dispatcher claimed them again at once without end, and the due
        // rows behind them never went out.
        foreach (var lead in new[] { "lead-1", "lead-2", "lead-3" })
        {
            Sut.Add(ReviewSender.Kind, lead, Review(lead));
        }

        var later = Storage.Clock.GetUtcNow().AddMinutes(5);
        foreach (var (row, i) in Sut.PendingRows(10).Select((row, i) => (row, i)))
        {
            await Sut.RetryLaterAsync(row, 1, later.AddMinutes(i), "HttpRequestException: 503");
        }

        Sut.Add(ReviewSender.Kind, "lead-1", Review("lead-1, once more"));
        Sut.Add(ReviewSender.Kind, "lead-4", Review("lead-4"));

        var claim = await Sut.ClaimAsync(2, TimeSpan.FromMinutes(1));
        Assert.Equal(["lead-4"], claim.Rows.Select(Recipient));
        Assert.Equal(later, claim.NextDue);

        await Sut.MarkDeliveredAsync(claim.Rows[0]);
        var nothingDue = await Sut.ClaimAsync(2, TimeSpan.FromMinutes(1));
        Assert.Empty(nothingDue.Rows);
        Assert.Equal(later, nothingDue.NextDue);
    }

    [Fact]
    public async Task Purging_forgets_only_delivered_rows_older_than_the_age()
    {
        Sut.Add(ReviewSender.Kind, "old", Review("delivered-long-ago"));
        Sut.Add(ReviewSender.Kind, "waiting", Review("still-pending"));
        await Sut.MarkDeliveredAsync(Sut.PendingRows(1)[0]);
        Storage.Clock.Advance(TimeSpan.FromHours(2));
        Sut.Add(ReviewSender.Kind, "new", Review("delivered-just-now"));
        await Sut.MarkDeliveredAsync(Sut.PendingRows(10).Single(row => Recipient(row) == "delivered-just-now"));

        await Sut.PurgeDeliveredAsync(TimeSpan.FromHours(1));

        Assert.Equal((1, 1), (Sut.Count(OutboxRowState.Delivered), Sut.Count(OutboxRowState.Pending)));
        Assert.Equal(["still-pending"], Sut.PendingRows(10).Select(Recipient));
    }

    [Fact]
    public async Task The_dispatcher_delivers_each_row_once_parks_a_refused_one_and_a_restart_sends_nothing_again()
    {
        var handler = new RecordingHandler();
        Sut.Add(ReviewSender.Kind, "a", Review("lead-1"));
        Sut.Add(ReviewSender.Kind, "b", Review(RecordingHandler.Refuses));
        Sut.Add(ReviewSender.Kind, "a", Review("lead-2"));

        await DispatchAllAsync(handler);
        await DispatchAllAsync(handler);

        Assert.Equal(["lead-1", "lead-2"], handler.Delivered);
        Assert.Equal([$"{RecordingHandler.Refuses}: InvalidOperationException: the chat is gone"], handler.Parked);
        Assert.Equal((0, 2, 1), (Sut.Count(OutboxRowState.Pending), Sut.Count(OutboxRowState.Delivered), Sut.Count(OutboxRowState.Parked)));
    }

    [Fact]
    public async Task The_dispatcher_sends_the_next_rows_while_the_last_are_still_being_recorded_and_sends_none_twice()
    {
        // One commit wait per row held the dispatcher to a few hundred rows a second, and a busy intake's triage posts fell
        // minutes behind. Here every mark is held: four rows still go out meanwhile (with one wait per row, the second
        // would never go), and no more, since while the database fails each of them is sent again later.
        var handler = new RecordingHandler();
        foreach (var i in Enumerable.Range(1, 6))
        {
            Sut.Add(ReviewSender.Kind, $"k{i}", Review($"lead-{i}"));
        }

        var marks = new HeldMarks(Sut);
        await using var services = new ServiceCollection().AddSingleton<IOutboxHandler>(handler).BuildServiceProvider();
        using var dispatcher = new OutboxDispatcher(marks, services, Storage.Clock, Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);

        await handler.Sent(4).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, handler.Delivered.Count);
        Assert.Equal(6, Sut.Count(OutboxRowState.Pending));

        marks.Release();
        await dispatcher.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(["lead-1", "lead-2", "lead-3", "lead-4", "lead-5", "lead-6"], handler.Delivered);
        Assert.Equal((0, 6), (Sut.Count(OutboxRowState.Pending), Sut.Count(OutboxRowState.Delivered)));
    }

    [Fact]
    public async Task While_marks_fail_the_dispatcher_sends_at_most_four_rows_again_and_carries_on_once_they_land()
    {
        // The database refusing writes (a full disk) while reads still work: a row's send reaches the channel and its
        // mark fails. The pass stops at the first failed mark, so at most four rows go out twice, and the dispatcher
        // does not die of it: once marks land again every row is delivered and recorded.
        var handler = new RecordingHandler();
        foreach (var i in Enumerable.Range(1, 6))
        {
            Sut.Add(ReviewSender.Kind, $"k{i}", Review($"lead-{i}"));
        }

        // The first four marks fail: those of the first pass. Another pass may start before or after that (PostgreSQL's
        // notifications wake the dispatcher too); either way each later mark lands.
        var marks = new HeldMarks(Sut, failing: 4);
        marks.Release();
        await using var services = new ServiceCollection().AddSingleton<IOutboxHandler>(handler).BuildServiceProvider();
        using var dispatcher = new OutboxDispatcher(marks, services, Storage.Clock, Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        await handler.Sent(4).WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Equal(["lead-1", "lead-2", "lead-3", "lead-4", "lead-1", "lead-2", "lead-3", "lead-4", "lead-5", "lead-6"], handler.Delivered);
        Assert.Equal((0, 6), (Sut.Count(OutboxRowState.Pending), Sut.Count(OutboxRowState.Delivered)));
    }

    /// <summary>One run of the app's dispatcher over these rows: started, drained, stopped (as a restart would).</summary>
    private async Task DispatchAllAsync(RecordingHandler handler)
    {
        await using var services = new ServiceCollection().AddSingleton<IOutboxHandler>(handler).BuildServiceProvider();
        using var dispatcher = new OutboxDispatcher(Sut, services, Storage.Clock, Options.Create(new OutboxOptions()), NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        await dispatcher.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await dispatcher.StopAsync(CancellationToken.None);
        Sut.Added -= dispatcher.Wake;
    }

    private static string Recipient(OutboxRow row) => row.Message.Read<ReviewMessage>().RecipientId;

    private static ReviewMessage Review(string recipient) => new() { RecipientId = recipient, Team = "apps", Week = "2026-W48", Locale = "zh-CN" };

    private sealed class RecordingHandler : IOutboxHandler
    {
        public const string Refuses = "left-the-company";

        public string Kind => ReviewSender.Kind;

        public ConcurrentQueue<string> Delivered { get; } = new();

        public ConcurrentQueue<string> Parked { get; } = new();

        private readonly ConcurrentDictionary<int, TaskCompletionSource> _counts = new();

        /// <summary>Completes once <paramref name="count"/> rows have been delivered.</summary>
        public Task Sent(int count)
        {
            var sent = _counts.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (Delivered.Count >= count)
            {
                sent.TrySetResult();
            }

            return sent.Task;
        }

        public Task DeliverAsync(OutboxMessage message)
        {
            var recipient = message.Read<ReviewMessage>().RecipientId;
            if (recipient == Refuses)
            {
                // Not a transient failure: parked at once, as a chat that blocked the bot is.
                throw new InvalidOperationException("the chat is gone");
            }

            Delivered.Enqueue(recipient);
            if (_counts.TryGetValue(Delivered.Count, out var sent))
            {
                sent.TrySetResult();
            }

            return Task.CompletedTask;
        }

        public Task ParkedAsync(OutboxMessage message, string reason)
        {
            Parked.Enqueue($"{message.Read<ReviewMessage>().RecipientId}: {reason}");
            return Task.CompletedTask;
        }
    }
}

public sealed class LiteDbOutboxContract : OutboxContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlOutboxContract : OutboxContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
