using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Review;
using SupportBot.Storage;
using SupportBot.Storage.Postgres;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// One outbox drained by two SupportBot instances on one PostgreSQL database. Must hold: each row is sent once
/// however the two dispatchers interleave, a key's rows go out in the order they were written, and the rows of an
/// instance that died holding them are sent by the other once their lease has run out, and only then; those of an
/// instance that stopped in order go to the other at once, except one whose send was cut off on the wire.
/// </summary>
public sealed class PostgreSqlOutboxInstancesTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly PostgreSqlUnderTest _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_dispatchers_on_one_database_send_each_row_once_and_a_keys_rows_in_order()
    {
        var (a, b) = (_database.Instance(), _database.Instance());
        var sent = new Sends();

        // Rows written by both instances, twelve tickets' worth of changes, five each.
        for (var change = 1; change <= 5; change++)
        {
            for (var ticket = 1; ticket <= 12; ticket++)
            {
                (ticket % 2 == 0 ? a : b).Outbox.Add(ReviewSender.Kind, $"ticket-{ticket}", Review($"ticket-{ticket}/change-{change}"));
            }
        }

        await using (var first = await Dispatcher.StartAsync(a, sent, _database.Clock))
        await using (var second = await Dispatcher.StartAsync(b, sent, _database.Clock))
        {
            // Each drain ends once its instance found nothing left it could claim; a row the other instance held then is
            // that one's to finish, so both are drained until no row is pending (a few rounds at most).
            for (var round = 0; round < 20 && _database.Outbox.Count(OutboxRowState.Pending) > 0; round++)
            {
                await Task.WhenAll(first.DrainAsync(), second.DrainAsync());
            }
        }

        var recipients = sent.Recipients.ToList();
        Assert.Equal(60, recipients.Count);
        Assert.Equal(60, recipients.Distinct().Count());
        foreach (var ticket in Enumerable.Range(1, 12))
        {
            Assert.Equal(
                Enumerable.Range(1, 5).Select(change => $"ticket-{ticket}/change-{change}"),
                recipients.Where(recipient => recipient.StartsWith($"ticket-{ticket}/", StringComparison.Ordinal)));
        }

        Assert.Equal((0, 60), (_database.Outbox.Count(OutboxRowState.Pending), _database.Outbox.Count(OutboxRowState.Delivered)));
    }

    [Fact]
    public async Task Rows_of_an_instance_that_died_holding_them_go_to_the_other_once_the_lease_runs_out()
    {
        var (dead, survivor) = (_database.Instance(), _database.Instance());
        dead.Outbox.Add(ReviewSender.Kind, "ticket-1", Review("ticket-1/change-1"));
        dead.Outbox.Add(ReviewSender.Kind, "ticket-1", Review("ticket-1/change-2"));
        dead.Outbox.Add(ReviewSender.Kind, "ticket-2", Review("ticket-2/change-1"));

        // The first instance claims what is due and dies before sending anything.
        var claimed = await dead.Outbox.ClaimAsync(10, Lease);
        Assert.Equal(["ticket-1/change-1", "ticket-2/change-1"], claimed.Rows.Select(Recipient));

        // While the lease runs the survivor takes nothing, not even the later change of a held ticket, and knows when to look again.
        var meanwhile = await survivor.Outbox.ClaimAsync(10, Lease);
        Assert.Empty(meanwhile.Rows);
        Assert.Equal(_database.Clock.GetUtcNow() + Lease, meanwhile.NextDue);

        _database.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var sent = new Sends();
        await using (var dispatcher = await Dispatcher.StartAsync(survivor, sent, _database.Clock))
        {
            await dispatcher.DrainAsync();
        }

        Assert.Equal(["ticket-1/change-1", "ticket-2/change-1", "ticket-1/change-2"], sent.Recipients);
        Assert.Equal(0, _database.Outbox.Count(OutboxRowState.Pending));

        // Had the first instance only been slow, its late mark is refused: the row is the survivor's, and stays delivered once.
        Assert.False(await dead.Outbox.MarkDeliveredAsync(claimed.Rows[0]));
        Assert.Equal(3, _database.Outbox.Count(OutboxRowState.Delivered));
    }

    [Fact]
    public async Task Rows_an_instance_claimed_but_never_tried_go_to_the_other_as_soon_as_it_stops()
    {
        // The clock stands still, so no lease ends by itself: only rows given back can reach the other instance.
        var (first, sentByStopping, second, sentByOther) = await OneOnTheWireWhileTheOtherWaitsAsync(5, shutdownGrace: null);
        await using var running = second;
        var stopped = first.DisposeAsync();
        sentByStopping.Release();
        await stopped;

        await sentByOther.ReachedAsync(4);
        Assert.Equal(["ticket-1"], sentByStopping.Recipients);
        Assert.Equal(["ticket-2", "ticket-3", "ticket-4", "ticket-5"], sentByOther.Recipients);
        await second.DrainAsync();
        Assert.Equal((0, 5), (_database.Outbox.Count(OutboxRowState.Pending), _database.Outbox.Count(OutboxRowState.Delivered)));
    }

    [Fact]
    public async Task A_send_cut_off_on_the_wire_at_shutdown_keeps_its_lease_and_goes_out_again_only_when_it_ends()
    {
        // The first send hangs past the shutdown grace: it may have reached the channel, so its row is not given back.
        var (first, sentByStopping, second, sentByOther) = await OneOnTheWireWhileTheOtherWaitsAsync(3, TimeSpan.FromMilliseconds(100));
        await using var running = second;
        await first.DisposeAsync();

        await sentByOther.ReachedAsync(2);
        await second.DrainAsync();
        Assert.Equal(["ticket-2", "ticket-3"], sentByOther.Recipients);
        Assert.Equal(1, _database.Outbox.Count(OutboxRowState.Pending));

        // Once its lease has run out the other instance tries it again (the one message that may go out twice).
        _database.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await sentByOther.ReachedAsync(3);
        Assert.Equal(["ticket-2", "ticket-3", "ticket-1"], sentByOther.Recipients);
        sentByStopping.Release();
    }

    [Fact]
    public async Task Two_claims_at_once_never_take_the_same_row()
    {
        var (a, b) = (_database.Instance(), _database.Instance());
        for (var ticket = 1; ticket <= 40; ticket++)
        {
            a.Outbox.Add(ReviewSender.Kind, $"ticket-{ticket}", Review($"ticket-{ticket}"));
        }

        var claims = await Task.WhenAll(Task.Run(() => a.Outbox.ClaimAsync(25, Lease)), Task.Run(() => b.Outbox.ClaimAsync(25, Lease)));

        var ids = claims.SelectMany(claim => claim.Rows).Select(row => row.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(40, ids.Count);
    }

    /// <summary>
    /// Rows for tickets 1…<paramref name="tickets"/>, all claimed by a first instance that is on the wire with the first
    /// (held until released); a second instance runs meanwhile and can claim none of them.
    /// </summary>
    private async Task<(Dispatcher First, Sends ByFirst, Dispatcher Second, Sends BySecond)> OneOnTheWireWhileTheOtherWaitsAsync(int tickets, TimeSpan? shutdownGrace)
    {
        var (stopping, other) = (_database.Instance(), _database.Instance());
        for (var ticket = 1; ticket <= tickets; ticket++)
        {
            stopping.Outbox.Add(ReviewSender.Kind, $"ticket-{ticket}", Review($"ticket-{ticket}"));
        }

        var byFirst = new Sends(holdFirst: true);
        var bySecond = new Sends();
        var first = await Dispatcher.StartAsync(stopping, byFirst, _database.Clock, shutdownGrace);
        await byFirst.FirstHeld.WaitAsync(TimeSpan.FromMinutes(1));
        return (first, byFirst, await Dispatcher.StartAsync(other, bySecond, _database.Clock), bySecond);
    }

    private static string Recipient(OutboxRow row) => row.Message.Read<ReviewMessage>().RecipientId;

    private static ReviewMessage Review(string recipient) => new() { RecipientId = recipient, Team = "apps", Week = "2026-W48", Locale = "en-US" };

    /// <summary>
    /// What reached "the channel", in the order it arrived; with <c>holdFirst</c> the first send stays on the wire (not
    /// yet arrived) until <see cref="Release"/>.
    /// </summary>
    private sealed class Sends(bool holdFirst = false) : IOutboxHandler
    {
        private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _sends;

        public string Kind => ReviewSender.Kind;

        public ConcurrentQueue<string> Recipients { get; } = new();

        public Task FirstHeld => _firstHeld.Task;

        public void Release() => _released.TrySetResult();

        /// <summary>Completes once <paramref name="count"/> sends have arrived (bounded: a minute).</summary>
        public Task ReachedAsync(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _waiters.Add((count, reached));
                Signal();
            }

            return reached.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }

        public async Task DeliverAsync(OutboxMessage message)
        {
            if (holdFirst && Interlocked.Increment(ref _sends) == 1)
            {
                _firstHeld.TrySetResult();
                await _released.Task;
            }

            Recipients.Enqueue(message.Read<ReviewMessage>().RecipientId);
            lock (_lock)
            {
                Signal();
            }
        }

        private void Signal()
        {
            foreach (var (count, reached) in _waiters.Where(waiter => Recipients.Count >= waiter.Count))
            {
                reached.TrySetResult();
            }
        }

        public Task ParkedAsync(OutboxMessage message, string reason) => Task.CompletedTask;
    }

    /// <summary>One instance's dispatcher, as the app runs it, over that instance's outbox.</summary>
    private sealed class Dispatcher : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly OutboxDispatcher _dispatcher;
        private readonly IOutboxRows _outbox;

        private Dispatcher(PgStorageEngine engine, Sends sends, TimeProvider time, TimeSpan? shutdownGrace)
        {
            _outbox = engine.Outbox;
            _services = new ServiceCollection().AddSingleton<IOutboxHandler>(sends).BuildServiceProvider();
            var options = new OutboxOptions { Lease = Lease };
            options.ShutdownGrace = shutdownGrace ?? options.ShutdownGrace;
            _dispatcher = new OutboxDispatcher(_outbox, _services, time, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);
        }

        public static async Task<Dispatcher> StartAsync(PgStorageEngine engine, Sends sends, TimeProvider time, TimeSpan? shutdownGrace = null)
        {
            var dispatcher = new Dispatcher(engine, sends, time, shutdownGrace);
            await dispatcher._dispatcher.StartAsync(CancellationToken.None);
            return dispatcher;
        }

        public Task DrainAsync() => _dispatcher.DrainAsync().WaitAsync(TimeSpan.FromSeconds(60));

        public async ValueTask DisposeAsync()
        {
            await _dispatcher.StopAsync(CancellationToken.None);
            _outbox.Added -= _dispatcher.Wake;
            _dispatcher.Dispose();
            await _services.DisposeAsync();
        }
    }
}
