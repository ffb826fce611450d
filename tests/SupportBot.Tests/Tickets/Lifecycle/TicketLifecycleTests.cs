using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using static SupportBot.Tickets.Lifecycle.TicketAction;
using static SupportBot.Tickets.Lifecycle.TicketRole;
using static SupportBot.Tickets.TicketStatus;

namespace SupportBot.Tests.Tickets.Lifecycle;

/// <summary>
/// product.md §5 written out as a table, independently of the implementation: every (state, action, role)
/// listed here is allowed and leads where it says; every other combination is refused with a reason.
/// </summary>
public sealed class TicketLifecycleTests
{
    private static readonly TicketRole[] Support = [TeamEngineer, Lead, TicketRole.Admin];
    private static readonly TicketStatus[] Working = [Accepted, InProgress, Blocked, WaitingForReporter, Reopened];

    private static readonly List<(TicketStatus From, TicketAction Action, TicketRole[] Roles, TicketStatus To)> Allowed = Build();

    public static TheoryData<TicketStatus, TicketAction, TicketRole, TicketStatus> AllowedCases()
    {
        var data = new TheoryData<TicketStatus, TicketAction, TicketRole, TicketStatus>();
        foreach (var (from, action, roles, to) in Allowed)
        {
            foreach (var role in roles)
            {
                data.Add(from, action, role, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedCases))]
    public void Decide_AllowedCombination_LeadsToTheExpectedStatus(TicketStatus from, TicketAction action, TicketRole role, TicketStatus to)
    {
        // A reporter can only approve or decline a plan that waits for them.
        var ticket = action is ApproveSolution or DeclineSolution ? TicketIn(from) with { Plan = PendingPlan } : TicketIn(from);
        var decision = TicketLifecycle.Decide(ticket, action, role);

        Assert.True(decision.IsAllowed, $"{role} should be able to {action} a {from} ticket");
        Assert.Equal(to, decision.To);
    }

    [Fact]
    public void Decide_EveryOtherCombination_IsRefusedWithAMessage()
    {
        var refusedCount = 0;
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var action in Enum.GetValues<TicketAction>())
            {
                foreach (var role in Enum.GetValues<TicketRole>())
                {
                    if (Allowed.Any(a => a.From == status && a.Action == action && a.Roles.Contains(role)))
                    {
                        continue;
                    }

                    var decision = TicketLifecycle.Decide(TicketIn(status), action, role);
                    Assert.False(decision.IsAllowed, $"{role} must not be able to {action} a {status} ticket");
                    Assert.NotNull(decision.MessageKey);
                    Assert.Equal(status, decision.To);
                    refusedCount++;
                }
            }
        }

        Assert.True(refusedCount > 1000);
    }

    [Theory]
    [InlineData(Stranger, Resolve)]
    [InlineData(OtherEngineer, Assign)]
    [InlineData(TicketRole.Reporter, Resolve)]
    [InlineData(TicketRole.Reporter, Assign)]
    [InlineData(TeamEngineer, ConfirmSolved)]
    public void Decide_RoleThatMayNeverDoIt_IsNotPermittedWhateverTheState(TicketRole role, TicketAction action)
    {
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            Assert.Equal(RefusalReason.NotPermitted, TicketLifecycle.Decide(TicketIn(status), action, role).Refusal);
        }
    }

    [Fact]
    public void Decide_ResolvingAClosedTicket_IsRefusedBecauseOfItsState()
    {
        var decision = TicketLifecycle.Decide(TicketIn(Closed), Resolve, TeamEngineer);

        Assert.Equal(RefusalReason.NotInThisState, decision.Refusal);
        Assert.Equal("lifecycle.refused.state", decision.MessageKey);
    }

    [Fact]
    public void Decide_ReporterCancelsAfterWorkStarted_IsNotPermittedButAnEngineerMay()
    {
        var ticket = TicketIn(InProgress);

        Assert.Equal(RefusalReason.NotPermitted, TicketLifecycle.Decide(ticket, Cancel, TicketRole.Reporter).Refusal);
        Assert.True(TicketLifecycle.Decide(ticket, Cancel, TeamEngineer).IsAllowed);
    }

    [Fact]
    public void Decide_AnswerToAQuestionAskedBeforeAssignment_ReturnsTheTicketToTheQueue()
    {
        var unassigned = TestTickets.Ticket(status: WaitingForReporter);

        Assert.Equal(Submitted, TicketLifecycle.Decide(unassigned, AnswerQuestion, TicketRole.Reporter).To);
    }

    [Fact]
    public void AllowedActions_ForTheReporterOfAResolvedTicket_AreVerifyOrReopenOrAddInformation()
    {
        var actions = TicketLifecycle.AllowedActions(TicketIn(Resolved), TicketRole.Reporter);

        Assert.Equal([AddInformation, ConfirmSolved, ReportNotSolved], actions.Order());
    }

    [Fact]
    public void Decide_ResolveWhileAChangeWaitsForApproval_IsRefusedUntilTheReporterApproves()
    {
        var waiting = TicketIn(InProgress) with { Plan = PendingPlan };

        var refused = TicketLifecycle.Decide(waiting, Resolve, TeamEngineer);
        var approved = TicketLifecycle.Decide(waiting with { Plan = PendingPlan with { ApprovedAt = DateTimeOffset.UnixEpoch } }, Resolve, TeamEngineer);

        Assert.Equal((RefusalReason.AwaitingApproval, "lifecycle.refused.approval"), (refused.Refusal, refused.MessageKey));
        Assert.True(approved.IsAllowed);
    }

    [Fact]
    public void Decide_ResolveAfterTheReporterDeclinedThePlan_IsRefusedUntilANewPlanIsProposed()
    {
        var declined = TicketIn(InProgress) with { Plan = PendingPlan with { DeclinedAt = DateTimeOffset.UnixEpoch } };

        var refused = TicketLifecycle.Decide(declined, Resolve, TeamEngineer);
        var newPlan = TicketLifecycle.Decide(declined with { Plan = PendingPlan with { Text = "Repair the index only", ChangesDataOrSystems = false } }, Resolve, TeamEngineer);

        Assert.Equal((RefusalReason.PlanDeclined, "lifecycle.refused.declined"), (refused.Refusal, refused.MessageKey));
        Assert.True(newPlan.IsAllowed);
    }

    [Fact]
    public void Decide_ApprovingAnAnsweredPlanOrRatingTwice_IsRefusedAsAlreadyDone()
    {
        var approved = TicketIn(InProgress) with { Plan = PendingPlan with { ApprovedAt = DateTimeOffset.UnixEpoch } };
        var rated = TicketIn(Closed) with { Satisfaction = new Satisfaction { Rating = SatisfactionRating.Satisfied, At = DateTimeOffset.UnixEpoch } };

        Assert.Equal(RefusalReason.AlreadyDone, TicketLifecycle.Decide(approved, ApproveSolution, TicketRole.Reporter).Refusal);
        Assert.Equal(RefusalReason.AlreadyDone, TicketLifecycle.Decide(rated, Rate, TicketRole.Reporter).Refusal);
    }

    private static readonly SolutionPlan PendingPlan = new() { Text = "Restore the customer table from last night's backup", ChangesDataOrSystems = true };

    private static Ticket TicketIn(TicketStatus status) => TestTickets.Ticket(status: status, assignee: status == Submitted ? null : "eng-1");

    private static List<(TicketStatus, TicketAction, TicketRole[], TicketStatus)> Build()
    {
        var rows = new List<(TicketStatus, TicketAction, TicketRole[], TicketStatus)>();
        void Row(TicketStatus[] from, TicketAction action, TicketRole[] roles, Func<TicketStatus, TicketStatus> to)
        {
            foreach (var status in from)
            {
                rows.Add((status, action, roles, to(status)));
            }
        }

        TicketStatus Same(TicketStatus s) => s;
        TicketStatus[] open = [Submitted, .. Working];

        Row(open, Assign, [.. Support, TicketRole.System], s => s == Submitted ? Accepted : s);
        Row(open, Acknowledge, Support, Same);
        Row([Accepted, Reopened], StartWork, Support, _ => InProgress);
        Row(Working, AddDiagnosisNote, [.. Support, CoHandler], s => s is Accepted or Reopened ? InProgress : s);
        Row(Working, LogImplementation, Support, s => s is Accepted or Reopened ? InProgress : s);
        Row([Submitted, Accepted, InProgress, Blocked, Reopened], AskReporter, Support, _ => WaitingForReporter);
        Row([Submitted, Accepted], FlagIncomplete, Support, Same);
        Row([WaitingForReporter], AnswerQuestion, [TicketRole.Reporter], _ => InProgress);
        Row([.. open, Resolved], AddInformation, [TicketRole.Reporter], Same);
        Row([InProgress], Block, Support, _ => Blocked);
        Row([Blocked], Unblock, Support, _ => InProgress);
        Row([Accepted, InProgress, Reopened], ProposeSolution, Support, _ => InProgress);
        Row([InProgress, Blocked], ApproveSolution, [TicketRole.Reporter], Same);
        Row([InProgress, Blocked], DeclineSolution, [TicketRole.Reporter], Same);
        Row([Accepted, InProgress, Reopened], Resolve, Support, _ => Resolved);
        Row([Resolved], ConfirmSolved, [TicketRole.Reporter], _ => Closed);
        Row([Resolved], ReportNotSolved, [TicketRole.Reporter, .. Support], _ => Reopened);
        Row([Closed], Rate, [TicketRole.Reporter], Same);
        Row(open, ChangePriority, Support, Same);
        Row([Submitted], ChangePriority, [TicketRole.Reporter], Same);
        Row([Submitted, Accepted, InProgress, Reopened], Transfer, Support, _ => Submitted);
        Row(open, Escalate, [.. Support, TicketRole.System], Same);
        Row(Working, AddCoHandler, Support, Same);
        Row([.. open, Resolved], Cancel, Support, _ => Cancelled);
        Row([Submitted, Accepted], Cancel, [TicketRole.Reporter], _ => Cancelled);
        Row([Resolved], AutoClose, [TicketRole.System], _ => Closed);
        Row([Resolved], CloseUnverified, [Lead, TicketRole.Admin], _ => Closed);
        Row([Closed], Archive, [.. Support, TicketRole.System], Same);
        return rows;
    }
}
