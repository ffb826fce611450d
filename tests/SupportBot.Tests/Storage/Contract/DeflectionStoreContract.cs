using SupportBot.Knowledge;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the intake and the weekly review rely on, whichever engine keeps deflection records: a record reads back with
/// every field (its offset too), a turn sees its own save and others only once it committed, a settled offer replaces
/// the pending one, and the review reads the offers of a time range oldest first.
/// </summary>
public abstract class DeflectionStoreContract : StorageContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 17, 30, 0, TimeSpan.FromHours(8));

    private IDeflectionStore Sut => Storage.Deflections;

    [Fact]
    public async Task A_saved_record_reads_back_with_every_field()
    {
        var settled = Offer("form-1", At) with { Outcome = DeflectionOutcome.Accepted, Accepted = "KB-000002", SettledAt = At.AddMinutes(3) };

        await Sut.SaveAsync(settled);
        var read = Sut.Find("form-1")!;

        Assert.Equal(settled with { Offered = read.Offered }, read);
        Assert.Equal(settled.Offered, read.Offered);
        Assert.Equal(At.Offset, read.OfferedAt.Offset);
        Assert.Null(Sut.Find("form-404"));
    }

    [Fact]
    public async Task A_turn_reads_its_own_save_others_see_it_once_committed_and_a_failed_turn_saves_nothing()
    {
        DeflectionRecord? outsideDuringTurn = null;

        await Turns.RunAsync(Storage.Commits, async () =>
        {
            await Sut.SaveAsync(Offer("form-1", At));
            Assert.Equal(DeflectionOutcome.Pending, Sut.Find("form-1")?.Outcome);
            outsideDuringTurn = await Task.Run(() => { using (SupportBot.Common.TurnWork.Enter(null)) { return Sut.Find("form-1"); } });
            return true;
        });
        await Turns.FailAsync(Storage.Commits, () => Sut.SaveAsync(Offer("form-2", At)));

        Assert.Null(outsideDuringTurn);
        Assert.NotNull(Sut.Find("form-1"));
        Assert.Null(Sut.Find("form-2"));
    }

    [Fact]
    public async Task Settling_an_offer_replaces_it()
    {
        await Sut.SaveAsync(Offer("form-1", At));

        await Sut.SaveAsync(Offer("form-1", At) with { Outcome = DeflectionOutcome.Declined, SettledAt = At.AddMinutes(1) });

        Assert.Equal(DeflectionOutcome.Declined, Sut.Find("form-1")!.Outcome);
        Assert.Single(Sut.Between(At, At.AddDays(1)));
    }

    [Fact]
    public async Task The_offers_of_a_time_range_come_oldest_first_its_end_excluded()
    {
        await Sut.SaveAsync(Offer("late", At.AddHours(2)));
        await Sut.SaveAsync(Offer("before", At.AddSeconds(-1)));
        await Sut.SaveAsync(Offer("first", At));
        await Sut.SaveAsync(Offer("at-end", At.AddDays(7)));

        // The range given in another offset than the records: times are compared as instants.
        Assert.Equal(["first", "late"], Sut.Between(At.ToUniversalTime(), At.AddDays(7)).Select(record => record.Id));
    }

    /// <summary>Two articles offered for a SAP log-in problem (also what the storage move test carries across).</summary>
    internal static DeflectionRecord Offer(string id, DateTimeOffset at) => new()
    {
        Id = id,
        ReporterId = "29:reporter",
        System = "SAP",
        Locale = "zh-CN",
        Description = "SAP 登录不了，提示密码过期",
        Offered = ["KB-000001", "KB-000002"],
        OfferedAt = at,
    };
}

public sealed class LiteDbDeflectionStoreContract : DeflectionStoreContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlDeflectionStoreContract : DeflectionStoreContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
