using SupportBot.Common;
using SupportBot.Review;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the reminder and review jobs rely on, whichever engine runs them: a job's writes commit together once its
/// body returns, and none of them when the body fails.
/// </summary>
public abstract class JobTransactionsContract : StorageContract
{
    private IJobTransactions Sut => Storage.Jobs;

    [Fact]
    public async Task A_jobs_writes_commit_together_and_its_result_comes_back()
    {
        var added = await Sut.RunAsync(() =>
        {
            Add("lead-1");
            Add("lead-2");
            Assert.Empty(Storage.Outbox.PendingRows(10));
            return 2;
        });

        Assert.Equal(2, added);
        Assert.Equal(2, Storage.Outbox.Count(OutboxRowState.Pending));
    }

    [Fact]
    public async Task A_job_that_fails_writes_nothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sut.RunAsync<int>(() =>
        {
            Add("lead-1");
            throw new InvalidOperationException("the roster could not be read");
        }));

        Assert.Equal(0, Storage.Outbox.Count(OutboxRowState.Pending));
    }

    private void Add(string recipient) =>
        Storage.Outbox.Add(ReviewSender.Kind, recipient, new ReviewMessage { RecipientId = recipient, Week = "2026-W48" });
}

public sealed class LiteDbJobTransactionsContract : JobTransactionsContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlJobTransactionsContract : JobTransactionsContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
