using SupportBot.IntakeLoadTest;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// A channel delivers a customer's messages again after SupportBot was killed and started again, earlier ones as well as
/// the last. Must hold: none of them is answered or acted on a second time, and the customer's next answer continues the
/// report where it was.
/// </summary>
public sealed class RedeliveryTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Messages_delivered_again_after_a_restart_are_not_run_again_and_the_report_goes_on()
    {
        var customer = $"redelivery-{Guid.NewGuid():N}";
        await using (var first = await ChildSupportBot.StartAsync(_database.Path))
        {
            for (var turn = 0; turn < 3; turn++)
            {
                var (text, expect) = IntakeScript.Turns[turn];
                Assert.True(IntakeScript.Matches(await first.SendAsync(customer, $"{customer}-{turn}", text), expect));
            }

            await first.KillAsync();
        }

        await using var second = await ChildSupportBot.StartAsync(_database.Path);
        foreach (var turn in new[] { 0, 2, 1 })
        {
            Assert.Empty(await second.SendAsync(customer, $"{customer}-{turn}", IntakeScript.Turns[turn].Text));
        }

        var (next, expected) = IntakeScript.Turns[3];
        Assert.True(IntakeScript.Matches(await second.SendAsync(customer, $"{customer}-3", next), expected));
    }
}
