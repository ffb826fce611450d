using SupportBot.Storage;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage;

public sealed class LiteDbTicketStoreTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public async Task Create_ThousandConcurrentCreations_GetDistinctGapFreeSerials()
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        var sut = new LiteDbTicketStore(database);

        var created = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() =>
            sut.Create(Day, serial => TestTickets.Ticket(number: $"{serial}")))));

        var serials = created.Select(t => int.Parse(t.Number, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 1000), serials);
        Assert.Equal(1000, sut.Query(new TicketQuery { Limit = 5000 }).Count);
    }

    [Fact]
    public async Task CreateAsync_ThroughTheCommitQueue_ThousandConcurrentCreationsGetGapFreeSerialsAndOneBadWriteFailsAlone()
    {
        using var file = new TempDatabase();
        using var database = file.Open();
        using var commits = new LiteDbCommitQueue(database);
        var sut = new LiteDbTicketStore(database, commits);
        await sut.CreateAsync(Day, _ => TestTickets.Ticket(number: "DUP"));

        var creations = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => sut.CreateAsync(Day, serial => TestTickets.Ticket(number: $"{serial}")))).ToList();
        var duplicate = Task.Run(() => sut.CreateAsync(Day, _ => TestTickets.Ticket(number: "DUP")));

        var created = await Task.WhenAll(creations);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);

        // The failed creation gave its serial back; whichever creation comes next takes it, so the day has no gap.
        var next = await sut.CreateAsync(Day, serial => TestTickets.Ticket(number: $"{serial}"));
        var serials = created.Append(next).Select(t => int.Parse(t.Number, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(2, 1001), serials);
        Assert.Equal(1002, new LiteDbTicketStore(database).Query(new TicketQuery { Limit = 5000 }).Count); // with the first "DUP"
    }

    [Fact]
    public async Task LookUps_ByManyDifferentValues_CompileNoNewExpressionPerValue()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        for (var i = 0; i < 100; i++)
        {
            await sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}") with { FormId = $"form-{s}" });
        }

        // LiteDB keeps every distinct expression text it compiled, for the life of the process; a value written into
        // the text (its own Query.EQ does that) made each form, reporter or time looked up one more compiled method.
        var before = CompiledExpressions();
        for (var i = 1; i <= 100; i++)
        {
            Assert.Equal($"T-{i}", sut.FindByForm($"form-{i}")?.Number);
            Assert.Empty(sut.Query(new TicketQuery { ReporterId = $"nobody-{i}", Status = TicketStatus.Submitted, DueBefore = DateTimeOffset.UnixEpoch.AddDays(i) }));
            Assert.Empty(sut.SubmittedBetween(DateTimeOffset.UnixEpoch.AddDays(i), DateTimeOffset.UnixEpoch.AddDays(i + 1)));
        }

        // Other tests in this process may compile their own few shapes meanwhile; 300 look-ups above would add 300.
        Assert.InRange(CompiledExpressions() - before, 0, 50);
    }

    private static int CompiledExpressions()
    {
        var cache = typeof(LiteDB.BsonExpression).GetField("_cacheScalar", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return ((System.Collections.ICollection)cache.GetValue(null)!).Count;
    }

    [Fact]
    public async Task OpenTicketsByAssignee_FollowsCreationsAndStatusChanges()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var first = await sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, team: "apps", assignee: "eng-1"));
        await sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Accepted, team: "apps", assignee: "eng-1"));
        await sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Accepted, team: "apps", assignee: "eng-2"));
        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 2, ["eng-2"] = 1 }, sut.OpenTicketsByAssignee("apps"));

        sut.TryUpdate(first with { Status = TicketStatus.Closed });

        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1, ["eng-2"] = 1 }, sut.OpenTicketsByAssignee("apps"));
        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1, ["eng-2"] = 1 }, new LiteDbTicketStore(database).OpenTicketsByAssignee("apps"));
    }

    [Fact]
    public void Create_AfterReopeningTheDatabase_ContinuesTheDaySequence()
    {
        using var file = new TempDatabase();
        using (var first = file.Open())
        {
            var store = new LiteDbTicketStore(first);
            store.Create(Day, serial => TestTickets.Ticket(number: $"A-{serial}"));
            store.Create(Day, serial => TestTickets.Ticket(number: $"A-{serial}"));
        }

        using var reopened = file.Open();
        var sut = new LiteDbTicketStore(reopened);

        Assert.Equal("A-3", sut.Create(Day, serial => TestTickets.Ticket(number: $"A-{serial}")).Number);
        Assert.Equal("B-1", sut.Create(Day.AddDays(1), serial => TestTickets.Ticket(number: $"B-{serial}")).Number);
    }

    [Fact]
    public void Create_WhenTheInsertFails_LeavesNoGapInTheSequence()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        sut.Create(Day, _ => TestTickets.Ticket(number: "DUP"));

        Assert.ThrowsAny<Exception>(() => sut.Create(Day, _ => TestTickets.Ticket(number: "DUP")));

        Assert.Equal("N-2", sut.Create(Day, serial => TestTickets.Ticket(number: $"N-{serial}")).Number);
    }

    [Fact]
    public void TryUpdate_FromAnOlderVersion_IsAConflictAndChangesNothing()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var original = sut.Create(Day, _ => TestTickets.Ticket());
        var first = sut.TryUpdate(original with { Title = "first" });

        var second = sut.TryUpdate(original with { Title = "second" });

        Assert.Equal(TicketUpdateOutcome.Saved, first.Outcome);
        Assert.Equal(2, first.Current!.Version);
        Assert.Equal(TicketUpdateOutcome.Conflict, second.Outcome);
        Assert.Equal("first", sut.Find(original.Number)!.Title);
    }

    [Fact]
    public void TryUpdate_RewritingHistory_IsRefused()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var entry = HistoryEntry.Of(Actor.System, DateTimeOffset.UnixEpoch, HistoryKinds.Created);
        var original = sut.Create(Day, _ => TestTickets.Ticket().Append(entry));

        Assert.Throws<InvalidOperationException>(() => sut.TryUpdate(original with { History = [entry with { Note = "edited" }] }));
        Assert.Throws<InvalidOperationException>(() => sut.TryUpdate(original with { History = [] }));
        Assert.Equal([entry], sut.Find(original.Number)!.History);
    }

    [Fact]
    public void Query_ByStatusTeamAssigneeReporterAndDue_FindsExactlyTheMatchingTickets()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        sut.Create(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, submittedAt: at.AddMinutes(s), team: "apps", assignee: "eng-1") with { NextDueAt = at.AddHours(1) });
        sut.Create(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Submitted, submittedAt: at.AddMinutes(s), team: "network") with { NextDueAt = at.AddHours(3) });
        sut.Create(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, submittedAt: at.AddMinutes(s), team: "apps", assignee: "eng-2", reporter: TestTickets.Customer));
        sut.Create(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Closed, submittedAt: at.AddMinutes(s), team: "apps", assignee: "eng-1"));

        Assert.Equal(["T-3", "T-1"], Numbers(sut.Query(new TicketQuery { Status = TicketStatus.InProgress })));
        Assert.Equal(["T-2"], Numbers(sut.Query(new TicketQuery { Team = "network" })));
        Assert.Equal(["T-4", "T-1"], Numbers(sut.Query(new TicketQuery { Assignee = "eng-1" })));
        Assert.Equal(["T-3"], Numbers(sut.Query(new TicketQuery { ReporterId = TestTickets.Customer.Id })));
        Assert.Equal(["T-1"], Numbers(sut.Query(new TicketQuery { DueBefore = at.AddHours(2) })));
        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1, ["eng-2"] = 1 }, sut.OpenTicketsByAssignee("apps"));
    }

    private static string[] Numbers(IEnumerable<Ticket> tickets) => [.. tickets.Select(t => t.Number)];
}
