using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage;

/// <summary>
/// The weekly review reads ticket outlines, not whole tickets: what it reads must give the very figures the whole ticket
/// gives (deadlines and their compliance, waits for the reporter, reopenings, satisfaction, the words problems are
/// grouped by), and leave out what no figure needs (the reporter, logs, reminder records).
/// </summary>
public sealed class TicketOutlineTests
{
    private static readonly DateTimeOffset Filed = new(2026, 11, 23, 9, 10, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task The_outline_the_review_reads_gives_the_same_deadlines_waits_and_reopening_as_the_whole_ticket()
    {
        using var services = SampleConfiguration.Services(new FakeTimeProvider(Filed));
        var store = services.GetRequiredService<ITicketStore>();
        var tickets = services.GetRequiredService<TicketService>();
        var whole = await store.CreateAsync(DateOnly.FromDateTime(Filed.Date), serial => Lived($"TS-20261123-{serial:D3}"));
        var plain = await store.CreateAsync(DateOnly.FromDateTime(Filed.Date), serial => TestTickets.Ticket($"TS-20261123-{serial:D3}", submittedAt: Filed.AddHours(1)));

        var outlines = store.OutlinesSubmittedBetween(Filed.AddDays(-1), Filed.AddDays(1)).ToList();
        var closed = store.OutlinesClosedBetween(Filed, Filed.AddDays(7)).ToList();

        Assert.Equal([whole.Number, plain.Number], outlines.Select(outline => outline.Number));
        Assert.Equal(Json(TicketOutline.Of(whole)), Json(outlines[0]));
        Assert.Equal(Json(TicketOutline.Of(plain)), Json(outlines[1]));
        Assert.Equal(Json(tickets.DeadlinesOf(whole)), Json(tickets.DeadlinesOf(outlines[0])));
        Assert.Equal(Json(tickets.DeadlinesOf(plain)), Json(tickets.DeadlinesOf(outlines[1])));
        Assert.True(outlines[0].WasReopened);
        Assert.False(outlines[1].WasReopened);

        // The reminder and note lines are not read: only status changes and assignments.
        Assert.Equal([HistoryKinds.Assigned, HistoryKinds.Status, HistoryKinds.Status, HistoryKinds.Status], outlines[0].History.Select(line => line.What));
        Assert.Equal([whole.Number], closed.Select(outline => outline.Number));
    }

    /// <summary>A ticket that went through most of a life: assigned, waited for its reporter, resolved, reopened, rated, closed; reminded on the way.</summary>
    private static Ticket Lived(string number)
    {
        var engineer = new Actor("eng-1", "郑丽");
        var at = Filed;
        return TestTickets.Ticket(number, TicketStatus.Closed, Priority.High, Filed, assignee: "eng-1") with
        {
            AffectedSystem = new AffectedSystem { Name = "CRM", Version = "7.2" },
            Description = new TicketDescription
            {
                Specific = "在CRM系统中保存客户时提示错误代码E1024",
                Original = "CRM 存不了",
                Slots = new ProblemSlots { System = "crm", ErrorCode = "E1024", Symptom = "提示错误代码E1024" },
            },
            DiagnosisLog = [new JournalEntry { At = Filed.AddHours(1), Author = "郑丽", Text = "证书过期", IsCause = true }],
            Incomplete = new InformationGap { Missing = "截图", FlaggedAt = Filed.AddMinutes(5), FlaggedBy = "eng-1", AnsweredAt = Filed.AddMinutes(40) },
            Satisfaction = new Satisfaction { Rating = SatisfactionRating.BasicallySatisfied, Comment = "慢了点", At = Filed.AddDays(2) },
            Milestones = new TicketMilestones
            {
                FirstResponseAt = Filed.AddMinutes(8),
                AssignedAt = Filed.AddMinutes(3),
                EngineerRespondedAt = Filed.AddMinutes(12),
                CauseLocatedAt = Filed.AddHours(1),
                InformationRequestedAt = Filed.AddMinutes(20),
                InformationReceivedAt = Filed.AddMinutes(40),
                ResolvedAt = Filed.AddHours(30),
                VerifiedAt = Filed.AddHours(31),
                ClosedAt = Filed.AddDays(2),
            },
            History =
            [
                HistoryEntry.Of(engineer, at, HistoryKinds.Created),
                HistoryEntry.Of(engineer, at.AddMinutes(3), HistoryKinds.Assigned, after: "eng-1"),
                HistoryEntry.Of(engineer, at.AddMinutes(20), HistoryKinds.Status, nameof(TicketStatus.InProgress), nameof(TicketStatus.WaitingForReporter)),
                HistoryEntry.Of(engineer, at.AddMinutes(30), HistoryKinds.Reminded, "engineerResponse", "eng-1"),
                HistoryEntry.Of(engineer, at.AddMinutes(40), HistoryKinds.Status, nameof(TicketStatus.WaitingForReporter), nameof(TicketStatus.InProgress)),
                HistoryEntry.Of(engineer, at.AddHours(32), HistoryKinds.Status, nameof(TicketStatus.Resolved), nameof(TicketStatus.Reopened), note: "还是不行"),
                HistoryEntry.Of(engineer, at.AddHours(33), HistoryKinds.Priority, "Medium", "High"),
            ],
        };
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
