using System.Text.Json;
using SupportBot.Storage;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage;

/// <summary>Everything SupportBot stores comes back exactly as it went in: no trimmed or nulled strings, no lost offsets or ticks.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Ticket_WithEveryFieldSet_ComesBackIdentical()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var original = EveryFieldSet();

        sut.Create(new DateOnly(2026, 11, 23), _ => original);
        var loaded = sut.Find(original.Number);

        Assert.Equal(Json(original with { Version = 1 }), Json(loaded));
    }

    [Fact]
    public void Ticket_ReopenedFromFile_ComesBackIdentical()
    {
        using var file = new TempDatabase();
        var original = EveryFieldSet();
        using (var first = file.Open())
        {
            new LiteDbTicketStore(first).Create(new DateOnly(2026, 11, 23), _ => original);
        }

        using var reopened = file.Open();
        Assert.Equal(Json(original with { Version = 1 }), Json(new LiteDbTicketStore(reopened).Find(original.Number)));
    }

    [Fact]
    public void BareTicket_OptionalFieldsStayAbsent()
    {
        using var database = TempDatabase.InMemory();
        var sut = new LiteDbTicketStore(database);
        var original = TestTickets.Ticket();

        sut.Create(new DateOnly(2026, 11, 23), _ => original);

        Assert.Equal(Json(original), Json(sut.Find(original.Number)));
    }

    private static string Json(Ticket? ticket) => JsonSerializer.Serialize(ticket);

    private static Ticket EveryFieldSet()
    {
        // Offsets other than UTC, sub-millisecond ticks, empty and space-padded strings: each is something LiteDB's defaults lose.
        var at = new DateTimeOffset(2026, 11, 23, 9, 10, 11, TimeSpan.FromHours(8)).AddTicks(1234567);
        var berlin = new DateTimeOffset(2026, 11, 23, 2, 10, 11, TimeSpan.FromHours(1)).AddTicks(89);
        return TestTickets.Ticket(status: TicketStatus.Resolved, assignee: "eng-1") with
        {
            Title = "  padded title  ",
            Reporter = TestTickets.Customer with { Phone = "", Company = " Rossi Imports " },
            Description = new TicketDescription { Specific = "登录OA系统时,'审批'按钮无响应,错误代码为E005", Original = "系统不好用 😤 <script>alert(1)</script>" },
            OccurredAt = berlin,
            OccurredAtNote = new OccurrenceNote("周五之前", DayOnly: true, Before: true),
            AffectedSystem = new AffectedSystem { Name = "OA", Version = "" },
            Environment = "Windows 11, Edge 131",
            AlreadyTried = "restarted the browser",
            ExpectedResolutionAt = at.AddDays(1),
            Attachments = [new AttachmentRef { Name = "screen.png", ContentType = "image/png", Url = "/files/1", AddedAt = at, AddedBy = "aad-1" }],
            CoHandlers = ["eng-2", "eng-3"],
            Milestones = new TicketMilestones
            {
                FirstResponseAt = at.AddMinutes(1), AssignedAt = at, EngineerRespondedAt = at.AddMinutes(30), CauseLocatedAt = at.AddMinutes(40),
                InformationRequestedAt = at.AddMinutes(5), InformationReceivedAt = at.AddMinutes(15), ResolvedAt = at.AddHours(2),
                VerifiedAt = berlin, ClosedAt = berlin, CancelledAt = null, ArchivedAt = berlin.AddDays(3),
            },
            NextDueAt = at.AddHours(3),
            DiagnosisLog = [new JournalEntry { At = at, Author = "eng-1", Text = "" }],
            Plan = new SolutionPlan { Text = "restart CRM app service", ChangesDataOrSystems = true, ApprovedAt = at },
            ImplementationLog = [new JournalEntry { At = at, Author = "eng-1", Text = "15:20 restarted" }],
            Resolution = new Resolution { FinalSolution = "restarted", EffortMinutes = 35, Cost = 12.50m },
            Verification = new Verification { Solved = true, StillWrong = "", At = berlin },
            Satisfaction = new Satisfaction { Rating = SatisfactionRating.BasicallySatisfied, Comment = " ok ", At = berlin },
            History = [HistoryEntry.Of(new Actor("aad-1", "张伟"), at, HistoryKinds.Created, before: "", after: " x ", note: "备注")],
        };
    }
}
