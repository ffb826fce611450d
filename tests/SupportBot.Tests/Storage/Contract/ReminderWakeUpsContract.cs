using SupportBot.Reminders;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the reminder job relies on, whichever engine keeps wake-ups: which tickets are due, earliest first, and the
/// whole set replaced at start-up.
/// </summary>
public abstract class ReminderWakeUpsContract : StorageContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private IReminderWakeUps WakeUps => Storage.WakeUps;

    [Fact]
    public async Task Wake_ups_say_which_tickets_are_due_earliest_first()
    {
        await WakeUps.SetAsync("T-1", At.AddHours(2));
        await WakeUps.SetAsync("T-2", At.AddHours(1));
        await WakeUps.SetAsync("T-3", At.AddHours(3));
        await WakeUps.SetAsync("T-3", null);
        await WakeUps.SetAsync("T-4", At.AddMinutes(90).ToOffset(TimeSpan.FromHours(8)));

        // The time given in another offset sorts by its instant.
        Assert.Equal(["T-2", "T-4", "T-1"], WakeUps.DueBy(At.AddHours(5), 10));
        Assert.Equal(["T-2"], WakeUps.DueBy(At.AddHours(1), 10));
        Assert.Equal(["T-2", "T-4"], WakeUps.DueBy(At.AddHours(5), 2));
        Assert.Equal(At.AddHours(1), WakeUps.Earliest());
    }

    [Fact]
    public async Task Replacing_all_wake_ups_keeps_exactly_the_new_ones()
    {
        Assert.Null(WakeUps.Earliest());
        await WakeUps.SetAsync("T-1", At);
        await WakeUps.SetAsync("T-2", At.AddHours(1));

        await WakeUps.ReplaceAllAsync([("T-2", At.AddHours(4)), ("T-3", At.AddHours(2))], CancellationToken.None);

        Assert.Equal(["T-3", "T-2"], WakeUps.DueBy(At.AddDays(1), 10));
        Assert.Equal(At.AddHours(2), WakeUps.Earliest());
    }
}

public sealed class LiteDbReminderWakeUpsContract : ReminderWakeUpsContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlReminderWakeUpsContract : ReminderWakeUpsContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
