using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What every caller of <see cref="ITicketStore"/> relies on, whichever engine keeps the tickets: numbers gap-free per
/// day under concurrent creation and after a rolled-back turn, version-checked updates, append-only history, and the
/// queries the admin API, the reminders and the weekly review make.
/// </summary>
public abstract class TicketStoreContract : StorageContract
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private ITicketStore Sut => Storage.Tickets;

    [Fact]
    public async Task A_created_ticket_reads_back_with_every_field_and_version_one()
    {
        var filed = await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}", reporter: TestTickets.Customer) with
        {
            FormId = "form-7",
            ReporterConversation = new ConversationAddress("directline", "conv-7"),
            OfferedArticles = ["KB-000001"],
            History = [HistoryEntry.Of(Actor.System, At, HistoryKinds.Created)],
        });

        var read = Sut.Find(filed.Number)!;

        Assert.Equal(("T-1", 1), (read.Number, read.Version));
        Assert.Equal(filed.SubmittedAt, read.SubmittedAt);
        Assert.Equal(filed.SubmittedAt.Offset, read.SubmittedAt.Offset);
        Assert.Equal(TestTickets.Customer.Phone, read.Reporter.Phone);
        Assert.Equal(filed.Description, read.Description);
        Assert.Equal(filed.ReporterConversation, read.ReporterConversation);
        Assert.Equal(["KB-000001"], read.OfferedArticles);
        Assert.Equal(filed.History, read.History);
        Assert.Equal("T-1", Sut.FindByForm("form-7")?.Number);
        Assert.Null(Sut.Find("T-404"));
    }

    [Fact]
    public async Task Concurrent_creations_get_distinct_serials_without_a_gap()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => Sut.CreateAsync(Day, serial => TestTickets.Ticket($"{serial}")))));

        Assert.Equal(Enumerable.Range(1, 200), created.Select(ticket => int.Parse(ticket.Number, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(200, Sut.Query(new TicketQuery { Limit = 1000 }).Count);
    }

    [Fact]
    public async Task A_rolled_back_turn_gives_its_number_back_to_the_next_ticket()
    {
        await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}"));

        await Turns.FailAsync(Storage.Commits, () => Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}")));
        var next = await Turns.RunAsync(Storage.Commits, () => Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}")));

        Assert.Equal("T-2", next.Number);
        Assert.Equal(["T-1", "T-2"], Numbers(Sut.Query(new TicketQuery())).Order());
    }

    [Fact]
    public async Task A_turn_whose_commit_fails_leaves_no_ticket_and_no_gap()
    {
        await Sut.CreateAsync(Day, _ => TestTickets.Ticket("DUP"));

        // The second "DUP" fails at the commit (the number exists): the turn's other ticket must not land either.
        await Assert.ThrowsAnyAsync<Exception>(() => Turns.RunAsync(Storage.Commits, async () =>
        {
            await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}"));
            return await Sut.CreateAsync(Day, _ => TestTickets.Ticket("DUP"));
        }));
        var next = await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"T-{serial}"));

        Assert.Equal("T-2", next.Number);
        Assert.Equal(["DUP", "T-2"], Numbers(Sut.Query(new TicketQuery())).Order());
    }

    [Fact]
    public async Task Each_day_is_numbered_from_one()
    {
        await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"A-{serial}"));
        await Sut.CreateAsync(Day, serial => TestTickets.Ticket($"A-{serial}"));

        Assert.Equal("B-1", (await Sut.CreateAsync(Day.AddDays(1), serial => TestTickets.Ticket($"B-{serial}"))).Number);
    }

    [Fact]
    public async Task An_update_from_an_older_version_is_a_conflict_that_changes_nothing()
    {
        var original = await Sut.CreateAsync(Day, _ => TestTickets.Ticket());

        var first = Sut.TryUpdate(original with { Title = "first" });
        var second = Sut.TryUpdate(original with { Title = "second" });

        Assert.Equal((TicketUpdateOutcome.Saved, 2), (first.Outcome, first.Current!.Version));
        Assert.Equal((TicketUpdateOutcome.Conflict, "first"), (second.Outcome, second.Current!.Title));
        Assert.Equal(("first", 2), (Sut.Find(original.Number)!.Title, Sut.Find(original.Number)!.Version));
        Assert.Equal(TicketUpdateOutcome.NotFound, Sut.TryUpdate(original with { Number = "T-404" }).Outcome);
    }

    [Fact]
    public async Task A_turn_sees_its_own_change_and_others_see_it_only_once_committed()
    {
        var original = await Sut.CreateAsync(Day, _ => TestTickets.Ticket());
        string? outsideDuringTurn = null;

        await Turns.RunAsync(Storage.Commits, async () =>
        {
            var saved = Sut.TryUpdate(original with { Title = "in the turn" });
            Assert.Equal("in the turn", Sut.Find(original.Number)!.Title);
            outsideDuringTurn = await Task.Run(() => { using (SupportBot.Common.TurnWork.Enter(null)) { return Sut.Find(original.Number)!.Title; } });
            return saved;
        });

        Assert.Equal(original.Title, outsideDuringTurn);
        Assert.Equal(("in the turn", 2), (Sut.Find(original.Number)!.Title, Sut.Find(original.Number)!.Version));
    }

    [Fact]
    public async Task History_may_only_grow()
    {
        var entry = HistoryEntry.Of(Actor.System, At, HistoryKinds.Created);
        var original = await Sut.CreateAsync(Day, _ => TestTickets.Ticket().Append(entry));

        Assert.Throws<InvalidOperationException>(() => Sut.TryUpdate(original with { History = [entry with { Note = "edited" }] }));
        Assert.Equal(TicketUpdateOutcome.Saved, Sut.TryUpdate(original.Append(entry with { What = HistoryKinds.Status, After = "Accepted" })).Outcome);
        Assert.Equal(2, Sut.Find(original.Number)!.History.Count);
    }

    [Fact]
    public async Task Queries_find_exactly_the_matching_tickets_newest_first()
    {
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, submittedAt: At.AddMinutes(s), team: "apps", assignee: "eng-1") with { NextDueAt = At.AddHours(1) });
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Submitted, submittedAt: At.AddMinutes(s), team: "network") with { NextDueAt = At.AddHours(3) });
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, submittedAt: At.AddMinutes(s), team: "apps", assignee: "eng-2", reporter: TestTickets.Customer));
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Closed, submittedAt: At.AddMinutes(s), team: "apps", assignee: "eng-1"));

        Assert.Equal(["T-3", "T-1"], Numbers(Sut.Query(new TicketQuery { Status = TicketStatus.InProgress })));
        Assert.Equal(["T-2"], Numbers(Sut.Query(new TicketQuery { Team = "network" })));
        Assert.Equal(["T-4", "T-1"], Numbers(Sut.Query(new TicketQuery { Assignee = "eng-1" })));
        Assert.Equal(["T-3"], Numbers(Sut.Query(new TicketQuery { ReporterId = TestTickets.Customer.Id })));
        Assert.Equal(["T-1"], Numbers(Sut.Query(new TicketQuery { DueBefore = At.AddHours(2) })));
        Assert.Equal(["T-3"], Numbers(Sut.Query(new TicketQuery { Team = "apps", Status = TicketStatus.InProgress, Assignee = "eng-2" })));
        Assert.Equal(["T-4", "T-3"], Numbers(Sut.Query(new TicketQuery { Limit = 2 })));
        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1, ["eng-2"] = 1 }, Sut.OpenTicketsByAssignee("apps"));
    }

    [Fact]
    public async Task Open_counts_per_assignee_follow_status_changes()
    {
        var first = await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.InProgress, assignee: "eng-1"));
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Accepted, assignee: "eng-1"));

        Sut.TryUpdate(first with { Status = TicketStatus.Closed });

        Assert.Equal(new Dictionary<string, int> { ["eng-1"] = 1 }, Sut.OpenTicketsByAssignee("apps"));
    }

    [Fact]
    public async Task The_reminders_and_the_review_read_deadlines_and_time_ranges()
    {
        var closedAt = At.AddDays(2);
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Accepted, submittedAt: At.AddHours(1)) with { NextDueAt = At.AddHours(5) });
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Closed, submittedAt: At) with { NextDueAt = At.AddDays(7), Milestones = new TicketMilestones { ClosedAt = closedAt } });
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Cancelled, submittedAt: At.AddHours(2)) with { NextDueAt = At.AddHours(5) });
        await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}", TicketStatus.Accepted, submittedAt: At.AddDays(3)));

        Assert.Equal(["T-1", "T-2"], Numbers(Sut.OpenWithDeadlines()).Order());
        Assert.Equal(["T-2", "T-1", "T-3"], Numbers(Sut.SubmittedBetween(At, At.AddDays(1))));
        Assert.Equal(["T-2", "T-1", "T-3"], Sut.OutlinesSubmittedBetween(At, At.AddDays(1)).Select(outline => outline.Number));
        Assert.Equal(["T-2"], Sut.OutlinesClosedBetween(closedAt, closedAt.AddSeconds(1)).Select(outline => outline.Number));
        Assert.Empty(Sut.OutlinesClosedBetween(At, closedAt));
    }

    [Fact]
    public async Task A_reporter_conversation_has_open_tickets_only_while_one_is_open()
    {
        var conversation = new ConversationAddress("msteams", "a:chat-1");
        var ticket = await Sut.CreateAsync(Day, s => TestTickets.Ticket($"T-{s}") with { ReporterConversation = conversation });

        Assert.True(Sut.AnyOpenFiledFrom(conversation));
        Assert.False(Sut.AnyOpenFiledFrom(conversation with { ChannelId = "directline" }));

        Sut.TryUpdate(ticket with { Status = TicketStatus.Closed });

        Assert.False(Sut.AnyOpenFiledFrom(conversation));
    }

    private static string[] Numbers(IEnumerable<Ticket> tickets) => [.. tickets.Select(ticket => ticket.Number)];
}

public sealed class LiteDbTicketStoreContract : TicketStoreContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlTicketStoreContract : TicketStoreContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
