using SupportBot.Reminders;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the reminders' digest relies on, whichever engine keeps held nudges: they read back per engineer and per
/// ticket, once per delivery, are kept only when their unit of work commits, and are gone once released.
/// </summary>
public abstract class HeldNudgesContract : StorageContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private IHeldNudges Held => Storage.HeldNudges;

    [Fact]
    public void Held_nudges_read_back_per_engineer_and_ticket_once_per_delivery()
    {
        Held.Hold(Nudge("T-1"), "eng-1", At.AddMinutes(10));
        Held.Hold(Nudge("T-1"), "eng-1", At.AddMinutes(10));
        Held.Hold(Nudge("T-2"), "eng-1", At.AddMinutes(5));
        Held.Hold(Nudge("T-3"), "eng-2", At.AddMinutes(20));

        Assert.Equal(["T-1", "T-2"], Held.Of("eng-1").Select(held => held.Nudge.Number).Order());
        Assert.Equal(Nudge("T-2"), Held.Of("eng-1").Single(held => held.Nudge.Number == "T-2").Nudge);
        Assert.Equal(Nudge("T-1").ToDelivery().Key, Assert.Single(Held.KeysOf("T-1")));
        Assert.Equal([("eng-1", At.AddMinutes(5)), ("eng-2", At.AddMinutes(20))], Held.Windows().OrderBy(window => window.EngineerId));
    }

    [Fact]
    public async Task A_held_nudge_is_kept_only_when_its_unit_of_work_commits_and_goes_when_released()
    {
        await Turns.FailAsync(Storage.Commits, () => { Held.Hold(Nudge("T-1"), "eng-1", At); return Task.CompletedTask; });
        Assert.Empty(Held.Of("eng-1"));

        await Turns.RunAsync(Storage.Commits, () => Held.Hold(Nudge("T-1"), "eng-1", At));
        Held.Hold(Nudge("T-2"), "eng-1", At);
        await Turns.RunAsync(Storage.Commits, () => Held.Release([Nudge("T-1").ToDelivery().Key]));

        Assert.Equal(["T-2"], Held.Of("eng-1").Select(held => held.Nudge.Number));
        Assert.Empty(Held.KeysOf("T-1"));
    }

    /// <summary>A first-response nudge to eng-1 (also what the storage move test carries across).</summary>
    internal static OwedReminder Nudge(string number) => new()
    {
        Number = number,
        Deadline = DeadlineKind.FirstResponse,
        DeadlineStartedAt = At.AddHours(-3),
        Kind = ReminderStepKind.Nudge,
        At = At,
        DueAt = At.AddHours(1),
        To = RecipientKind.Engineer,
        ToId = "eng-1",
        Role = RecipientRole.Responsible,
    };
}

public sealed class LiteDbHeldNudgesContract : HeldNudgesContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlHeldNudgesContract : HeldNudgesContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
