using System.Globalization;
using SupportBot.Storage;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage;

/// <summary>
/// New tickets are acknowledged once they are in the journal and reach LiteDB behind the reply. Whatever the
/// timing, a reporter must find their ticket at once, see only their own, and never lose one or get a number
/// twice, even when the process dies between the acknowledgement and the database.
/// </summary>
public sealed class JournaledTicketStoreTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private readonly TempDatabase _file = new();
    private readonly ManualResetEventSlim _databaseHeldUp = new(initialState: true);

    public void Dispose()
    {
        _databaseHeldUp.Set();
        _databaseHeldUp.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task A_new_ticket_is_found_and_listed_for_its_reporter_only_before_it_reaches_the_database()
    {
        using var database = _file.Open();
        using var commits = new LiteDbCommitQueue(database);
        using var journal = Journal();
        var sut = new JournaledTicketStore(new LiteDbTicketStore(database, commits), journal);
        using var release = HoldUp(commits);

        var mine = await sut.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial), reporter: TestTickets.Employee));
        var theirs = await sut.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial), reporter: TestTickets.Customer));

        Assert.Null(database.GetCollection<Ticket>("tickets").FindById(mine.Number)); // still only in the journal
        Assert.Equal(mine.Number, sut.Find(mine.Number)?.Number);
        Assert.Equal([mine.Number], sut.Query(new TicketQuery { ReporterId = TestTickets.Employee.Id }).Select(ticket => ticket.Number));
        Assert.Equal([theirs.Number], sut.Query(new TicketQuery { ReporterId = TestTickets.Customer.Id }).Select(ticket => ticket.Number));
        Assert.Equal(new Dictionary<string, int>(), sut.OpenTicketsByAssignee("apps"));
    }

    [Fact]
    public async Task A_change_to_a_ticket_still_on_its_way_is_applied_once_it_is_stored()
    {
        using var database = _file.Open();
        using var commits = new LiteDbCommitQueue(database);
        using var journal = Journal();
        var sut = new JournaledTicketStore(new LiteDbTicketStore(database, commits), journal);
        using var release = HoldUp(commits);
        var created = await sut.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial)));

        var update = Task.Run(() => sut.TryUpdate(created with { Status = TicketStatus.Accepted, Assignee = "eng-1" }));
        release.Dispose();
        var result = await update;

        Assert.Equal(TicketUpdateOutcome.Saved, result.Outcome);
        Assert.Equal(2, result.Current?.Version);
        Assert.Equal("eng-1", new LiteDbTicketStore(database).Find(created.Number)?.Assignee);
    }

    [Fact]
    public async Task A_ticket_acknowledged_before_a_crash_is_in_the_database_after_the_restart_and_its_number_is_not_reused()
    {
        Ticket acknowledged;
        using (var lostDatabase = TempDatabase.InMemory()) // what the killed process had not yet written to disk
        using (var commits = new LiteDbCommitQueue(lostDatabase))
        {
            var journal = Journal();
            var dying = new JournaledTicketStore(new LiteDbTicketStore(lostDatabase, commits), journal);
            using var release = HoldUp(commits);
            acknowledged = await dying.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial), assignee: "eng-1", status: TicketStatus.Accepted));
            journal.Dispose(); // the process dies: the journal file is all that is left of the ticket
            release.Dispose();
        }

        using var database = _file.Open();
        using var reopenedJournal = Journal();
        var restarted = new JournaledTicketStore(new LiteDbTicketStore(database), reopenedJournal);
        var next = await restarted.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial)));
        await restarted.ProjectedAsync();
        await reopenedJournal.FlushAsync();

        Assert.Equal(acknowledged.Number, new LiteDbTicketStore(database).Find(acknowledged.Number)?.Number);
        Assert.Equal(Number(2), next.Number);
        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1 }, restarted.OpenTicketsByAssignee("apps"));
        Assert.Empty(reopenedJournal.ReadAll("tickets/")); // projected records are dropped from the journal
    }

    [Fact]
    public async Task Concurrent_creations_get_distinct_gap_free_numbers_that_continue_after_a_restart()
    {
        using var database = _file.Open();
        using (var commits = new LiteDbCommitQueue(database))
        using (var journal = Journal())
        {
            var sut = new JournaledTicketStore(new LiteDbTicketStore(database, commits), journal);

            var created = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => sut.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial))))));
            await sut.ProjectedAsync();

            Assert.Equal(Enumerable.Range(1, 500).Select(Number), created.Select(ticket => ticket.Number).Order());
            Assert.Equal(500, new LiteDbTicketStore(database).Query(new TicketQuery { Limit = 1000 }).Count);
            Assert.Equal(500, sut.Query(new TicketQuery { ReporterId = TestTickets.Employee.Id, Limit = 1000 }).Count);
        }

        using var reopenedJournal = Journal();
        var restarted = new JournaledTicketStore(new LiteDbTicketStore(database), reopenedJournal);
        Assert.Equal(Number(501), (await restarted.CreateAsync(Day, serial => TestTickets.Ticket(Number(serial)))).Number);
    }

    private static string Number(int serial) => string.Create(CultureInfo.InvariantCulture, $"TS-20261123-{serial:000}");

    private JournalBotStorage Journal() =>
        new(JournalBotStorage.PathBeside(_file.Path), Microsoft.Extensions.Options.Options.Create(new StorageOptions()));

    // Occupies the database's writer until the test lets go (or disposes the result), as a slow disk under load would.
    // Declared after the commit queue, the release is disposed first, so the queue can then finish.
    private Release HoldUp(LiteDbCommitQueue commits)
    {
        _databaseHeldUp.Reset();
        _ = commits.EnqueueAsync(() => _databaseHeldUp.Wait(TimeSpan.FromMinutes(1)));
        return new Release(_databaseHeldUp);
    }

    private sealed class Release(ManualResetEventSlim gate) : IDisposable
    {
        public void Dispose() => gate.Set();
    }
}
