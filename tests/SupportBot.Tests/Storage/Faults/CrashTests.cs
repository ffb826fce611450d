using LiteDB;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// SupportBot is killed with SIGKILL while customers file tickets at once, some of them pressing Submit. Must hold
/// after a restart on the same file: every ticket whose number a customer was told exists, for that customer; no
/// customer gets a second ticket, whether their Submit is delivered again or pressed again; numbers have no gaps.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Customers = 8;

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Killed_while_intakes_and_Submits_are_in_flight_no_acknowledged_ticket_is_lost_and_none_is_filed_twice()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var customers = Enumerable.Range(0, Customers).Select(i => new CrashCustomer($"crash-{run}-{i}")).ToList();

        await using (var first = await ChildSupportBot.StartAsync(_database.Path))
        {
            // The kill comes when the first customer hears their number: the others are then answering questions or
            // have their own Submit in flight, wherever the scheduler happened to put them.
            var firstFiled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = customers.Select(customer => customer.RunAsync(first, () => firstFiled.TrySetResult())).ToList();
            var all = Task.WhenAll(running);
            await Task.WhenAny(firstFiled.Task, all).WaitAsync(TimeSpan.FromMinutes(2));
            await first.KillAsync();
            await all;
        }

        var acknowledged = customers.Where(c => c.Acknowledged is not null).ToDictionary(c => c.Acknowledged!, c => c.Id);
        Assert.NotEmpty(acknowledged);
        await using (var second = await ChildSupportBot.StartAsync(_database.Path))
        {
            foreach (var customer in customers)
            {
                var pressedAgain = await customer.ResumeAndPressSubmitAgainAsync(second);
                Assert.DoesNotContain("is filed", pressedAgain, StringComparison.Ordinal);
            }

            // Killed as well: what it acknowledged must be on disk too.
            await second.KillAsync();
        }

        using var database = _database.Open();
        var tickets = database.GetCollection<Ticket>("tickets").FindAll().ToList();
        foreach (var customer in customers)
        {
            // Web reporters are known by their channel-qualified id (SenderIdentity).
            Assert.Single(tickets, ticket => ticket.Reporter.Id == $"webchat:{customer.Id}");
        }

        foreach (var (number, customer) in acknowledged)
        {
            Assert.Equal($"webchat:{customer}", Assert.Single(tickets, ticket => ticket.Number == number).Reporter.Id);
        }

        var serials = tickets.Select(ticket => int.Parse(ticket.Number[^3..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Customers), serials);
    }
}
