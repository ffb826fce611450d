using SupportBot.Review;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the weekly review relies on, whichever engine keeps its ledger: a review's outbox rows and its record commit
/// together and once (a second trigger, a racing one, finds it sent), a send that fails records nothing, and the
/// start of reviews and the link-signing key are kept as first written.
/// </summary>
public abstract class ReviewLedgerContract : StorageContract
{
    private const string Week = "weekly-review|team:apps|2026-W48";

    private IReviewLedger Sut => Storage.ReviewLedger;

    [Fact]
    public async Task A_review_is_sent_and_recorded_once_even_when_triggered_at_once_many_times()
    {
        var sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Sut.SendOnceAsync(Week, Send))));

        Assert.Single(sent, ran => ran);
        Assert.True(Sut.WasSent(Week));
        Assert.False(await Sut.SendOnceAsync(Week, Send));
        Assert.Equal(1, Storage.Outbox.Count(OutboxRowState.Pending));
        Assert.False(Sut.WasSent("weekly-review|team:apps|2026-W49"));
    }

    [Fact]
    public async Task A_send_that_fails_records_nothing_and_leaves_no_row()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sut.SendOnceAsync(Week, () =>
        {
            Send();
            throw new InvalidOperationException("the roster could not be read");
        }));

        Assert.False(Sut.WasSent(Week));
        Assert.Equal(0, Storage.Outbox.Count(OutboxRowState.Pending));
        Assert.True(await Sut.SendOnceAsync(Week, Send));
    }

    [Fact]
    public async Task The_start_of_reviews_and_the_signing_key_are_kept_as_first_written()
    {
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        var since = await Sut.SinceAsync(start);
        var key = await Sut.SigningKeyAsync();

        Assert.Equal(start, since);
        Assert.Equal(start, await Sut.SinceAsync(start.AddDays(30)));
        Assert.Equal(32, key.Length);
        Assert.Equal(key, await Sut.SigningKeyAsync());
    }

    private void Send() => Storage.Outbox.Add(ReviewSender.Kind, $"{Week}|lead-1", new ReviewMessage { RecipientId = "lead-1", Week = "2026-W48" });
}

public sealed class LiteDbReviewLedgerContract : ReviewLedgerContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlReviewLedgerContract : ReviewLedgerContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
