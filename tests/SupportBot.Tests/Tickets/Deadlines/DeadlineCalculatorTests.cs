using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Tickets.Deadlines;

/// <summary>The deadline table of product.md §3 over the shipped calendars.</summary>
public sealed class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Sut = new(SamplePolicy());

    // Submitted Monday 10:00 in Shanghai, assigned at once.
    public static TheoryData<Priority, DeadlineKind, DateTimeOffset, DateTimeOffset> MondayMorningCases => new()
    {
        { Priority.Urgent, DeadlineKind.FirstResponse, ChinaTime(11, 23, 10, 3).AddSeconds(45), ChinaTime(11, 23, 10, 5) },
        { Priority.Urgent, DeadlineKind.Assignment, ChinaTime(11, 23, 10, 11).AddSeconds(15), ChinaTime(11, 23, 10, 15) },
        { Priority.Urgent, DeadlineKind.EngineerResponse, ChinaTime(11, 23, 10, 22).AddSeconds(30), ChinaTime(11, 23, 10, 30) },
        { Priority.Urgent, DeadlineKind.Escalation, ChinaTime(11, 23, 10, 22).AddSeconds(30), ChinaTime(11, 23, 10, 30) },
        { Priority.High, DeadlineKind.FirstResponse, ChinaTime(11, 23, 10, 11).AddSeconds(15), ChinaTime(11, 23, 10, 15) },
        { Priority.High, DeadlineKind.Assignment, ChinaTime(11, 23, 10, 22).AddSeconds(30), ChinaTime(11, 23, 10, 30) },
        { Priority.High, DeadlineKind.EngineerResponse, ChinaTime(11, 23, 11, 30), ChinaTime(11, 23, 12, 0) },
        { Priority.High, DeadlineKind.Escalation, ChinaTime(11, 23, 10, 22).AddSeconds(30), ChinaTime(11, 23, 10, 30) },
        { Priority.Medium, DeadlineKind.FirstResponse, ChinaTime(11, 23, 10, 11).AddSeconds(15), ChinaTime(11, 23, 10, 15) },
        { Priority.Medium, DeadlineKind.Assignment, ChinaTime(11, 23, 10, 45), ChinaTime(11, 23, 11, 0) },
        { Priority.Medium, DeadlineKind.EngineerResponse, ChinaTime(11, 23, 14, 30), ChinaTime(11, 23, 15, 30) },
        { Priority.Low, DeadlineKind.FirstResponse, ChinaTime(11, 23, 10, 11).AddSeconds(15), ChinaTime(11, 23, 10, 15) },
        { Priority.Low, DeadlineKind.Assignment, ChinaTime(11, 23, 11, 30), ChinaTime(11, 23, 12, 0) },
        { Priority.Low, DeadlineKind.EngineerResponse, ChinaTime(11, 23, 17, 30), ChinaTime(11, 24, 10, 30) },
    };

    [Theory]
    [MemberData(nameof(MondayMorningCases))]
    public void For_TicketSubmittedMondayMorning_FollowsTheTableWithANudgeAtThreeQuarters(Priority priority, DeadlineKind kind, DateTimeOffset nudge, DateTimeOffset due)
    {
        var ticket = Assigned(priority, ChinaTime(11, 23, 10, 0));

        var deadline = Sut.For(ticket).Single(d => d.Kind == kind);

        Assert.Equal((nudge, due), (deadline.NudgeAt!.Value, deadline.DueAt!.Value));
    }

    [Theory]
    [InlineData(Priority.Medium)]
    [InlineData(Priority.Low)]
    public void For_MediumOrLow_HasNoEscalationDeadline(Priority priority)
    {
        Assert.DoesNotContain(Sut.For(Assigned(priority, ChinaTime(11, 23, 10, 0))), d => d.Kind == DeadlineKind.Escalation);
    }

    [Fact]
    public void For_UrgentAtThreeOnASundayMorning_IsDueFiveMinutesLater()
    {
        var deadline = Sut.For(TestTickets.Ticket(priority: Priority.Urgent, submittedAt: ChinaTime(11, 22, 3, 0))).Single(d => d.Kind == DeadlineKind.FirstResponse);

        Assert.Equal(ChinaTime(11, 22, 3, 5), deadline.DueAt);
        Assert.True(deadline.RoundTheClock);
    }

    [Fact]
    public void For_LowAtThreeOnASundayMorning_IsDueOnMondayMorning()
    {
        var deadline = Sut.For(TestTickets.Ticket(priority: Priority.Low, submittedAt: ChinaTime(11, 22, 3, 0))).Single(d => d.Kind == DeadlineKind.FirstResponse);

        Assert.Equal(ChinaTime(11, 23, 9, 15), deadline.DueAt);
    }

    [Fact]
    public void For_AcknowledgedTicket_HasItsFirstResponseMetAndNotOpen()
    {
        var ticket = Assigned(Priority.High, ChinaTime(11, 23, 10, 0)) with
        {
            Milestones = new TicketMilestones { AssignedAt = ChinaTime(11, 23, 10, 0), FirstResponseAt = ChinaTime(11, 23, 10, 20) },
        };

        var firstResponse = Sut.For(ticket).Single(d => d.Kind == DeadlineKind.FirstResponse);

        Assert.False(firstResponse.IsOpen);
        Assert.True(firstResponse.WasMetLate);
    }

    [Fact]
    public void For_ResolvedAndThenClosedOnFriday_IsVerifiedThenArchivedByWednesdayEvening()
    {
        var resolved = TestTickets.Ticket(status: TicketStatus.Resolved, submittedAt: ChinaTime(11, 27, 9, 0)) with
        {
            Milestones = new TicketMilestones { FirstResponseAt = ChinaTime(11, 27, 9, 5), AssignedAt = ChinaTime(11, 27, 9, 0), EngineerRespondedAt = ChinaTime(11, 27, 10, 0), ResolvedAt = ChinaTime(11, 27, 14, 0) },
        };
        var closed = resolved with
        {
            Status = TicketStatus.Closed,
            Milestones = resolved.Milestones with { VerifiedAt = ChinaTime(11, 27, 15, 0), ClosedAt = ChinaTime(11, 27, 15, 0) },
        };

        Assert.Equal(ChinaTime(11, 27, 15, 0), Sut.For(resolved).Single(d => d.Kind == DeadlineKind.Verification).DueAt);
        Assert.Equal([DeadlineKind.Archive], Sut.For(closed).Where(d => d.IsOpen).Select(d => d.Kind));
        Assert.Equal(ChinaTime(12, 2, 18, 0), Sut.NextDue(closed));
    }

    [Fact]
    public void For_CancelledTicket_OwesNothing()
    {
        var cancelled = Assigned(Priority.High, ChinaTime(11, 23, 10, 0)) with { Status = TicketStatus.Cancelled };

        Assert.DoesNotContain(Sut.For(cancelled), d => d.IsOpen);
        Assert.Null(Sut.NextDue(cancelled));
    }

    private static Ticket Assigned(Priority priority, DateTimeOffset at) =>
        TestTickets.Ticket(status: TicketStatus.Accepted, priority: priority, submittedAt: at, assignee: "eng-1") with
        {
            Milestones = new TicketMilestones { AssignedAt = at },
        };
}
