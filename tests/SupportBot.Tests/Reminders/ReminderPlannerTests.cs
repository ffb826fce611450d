using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;
using SupportBot.Engineering;
using SupportBot.Reminders;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// When each reminder of each deadline falls due and whom it reaches, derived from the ticket and the shipped
/// SLA configuration (the §3 table, the 2026 China office calendar, urgent round the clock), with no scheduler.
/// </summary>
public sealed class ReminderPlannerTests : IDisposable
{
    private readonly ServiceProvider _services = SampleConfiguration.Services(TimeProvider.System, new Dictionary<string, string?>
    {
        ["Roster:Teams:3:TriageChannelId"] = TeamsOffice.TriageChannelId,
    });

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(Priority.Urgent,
        "firstResponse nudge 11-23 09:13:45 → triage:apps", "firstResponse breach 11-23 09:15:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "assignment nudge 11-23 09:21:15 → triage:apps", "assignment breach 11-23 09:25:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "firstResponse lead 11-23 09:45:00 → engineer:" + TeamsOffice.WuGang, "assignment lead 11-23 09:55:00 → engineer:" + TeamsOffice.WuGang)]
    [InlineData(Priority.High,
        "firstResponse nudge 11-23 09:21:15 → triage:apps", "firstResponse breach 11-23 09:25:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "assignment nudge 11-23 09:32:30 → triage:apps", "assignment breach 11-23 09:40:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "firstResponse lead 11-23 09:55:00 → engineer:" + TeamsOffice.WuGang, "assignment lead 11-23 10:10:00 → engineer:" + TeamsOffice.WuGang)]
    [InlineData(Priority.Medium,
        "firstResponse nudge 11-23 09:21:15 → triage:apps", "firstResponse breach 11-23 09:25:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "firstResponse lead 11-23 09:55:00 → engineer:" + TeamsOffice.WuGang, "assignment nudge 11-23 09:55:00 → triage:apps",
        "assignment breach 11-23 10:10:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi, "assignment lead 11-23 10:40:00 → engineer:" + TeamsOffice.WuGang)]
    [InlineData(Priority.Low,
        "firstResponse nudge 11-23 09:21:15 → triage:apps", "firstResponse breach 11-23 09:25:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
        "firstResponse lead 11-23 09:55:00 → engineer:" + TeamsOffice.WuGang, "assignment nudge 11-23 10:40:00 → triage:apps",
        "assignment breach 11-23 11:10:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi, "assignment lead 11-23 11:40:00 → engineer:" + TeamsOffice.WuGang)]
    public void A_new_unassigned_ticket_owes_its_triage_channel_nudges_then_the_senior_then_the_lead(Priority priority, params string[] expected)
    {
        var ticket = TestTickets.Ticket(priority: priority, submittedAt: ChinaTime(11, 23, 9, 10));

        Assert.Equal(expected, Plan(ticket));
    }

    [Fact]
    public void A_low_ticket_filed_late_on_friday_owes_nothing_at_the_weekend_and_catches_up_on_monday_morning()
    {
        var ticket = TestTickets.Ticket(priority: Priority.Low, submittedAt: ChinaTime(11, 27, 17, 50));

        Assert.Equal(
            [
                "firstResponse nudge 11-30 09:01:15 → triage:apps", "firstResponse breach 11-30 09:05:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi,
                "firstResponse lead 11-30 09:35:00 → engineer:" + TeamsOffice.WuGang, "assignment nudge 11-30 10:20:00 → triage:apps",
                "assignment breach 11-30 10:50:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi, "assignment lead 11-30 11:20:00 → engineer:" + TeamsOffice.WuGang,
            ],
            Plan(ticket));
    }

    [Fact]
    public void The_national_day_holidays_are_skipped_and_the_make_up_saturday_is_worked()
    {
        // Wednesday 30 September, ten minutes before closing: 1–7 October are holidays, Thursday 8 October is the next working day.
        var beforeHolidays = TestTickets.Ticket(priority: Priority.Low, submittedAt: ChinaTime(9, 30, 17, 50));
        Assert.Contains("firstResponse breach 10-08 09:05:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi, Plan(beforeHolidays));

        // Friday 9 October, late: Saturday 10 October is a make-up working day (调休) with Monday's hours.
        var beforeMakeUpDay = TestTickets.Ticket(priority: Priority.Low, submittedAt: ChinaTime(10, 9, 17, 50));
        Assert.Contains("firstResponse nudge 10-10 09:01:15 → triage:apps", Plan(beforeMakeUpDay));
        Assert.Contains("assignment breach 10-10 10:50:00 → triage:apps, engineer:" + TeamsOffice.ZhengLi, Plan(beforeMakeUpDay));
    }

    [Fact]
    public void An_urgent_ticket_is_chased_at_three_on_a_sunday_morning_a_low_one_waits_for_monday()
    {
        var urgent = TestTickets.Ticket(priority: Priority.Urgent, submittedAt: ChinaTime(11, 29, 2, 58));
        var low = TestTickets.Ticket(priority: Priority.Low, submittedAt: ChinaTime(11, 29, 2, 58));

        Assert.Equal("firstResponse nudge 11-29 03:01:45 → triage:apps", Plan(urgent)[0]);
        Assert.Equal("firstResponse nudge 11-30 09:11:15 → triage:apps", Plan(low)[0]);
    }

    [Fact]
    public void Once_the_awaited_action_happened_its_deadline_owes_nothing_more()
    {
        var submitted = ChinaTime(11, 23, 9, 10);
        var acknowledged = TestTickets.Ticket(priority: Priority.Medium, submittedAt: submitted) with
        {
            Milestones = new TicketMilestones { FirstResponseAt = submitted.AddMinutes(3) },
        };

        Assert.DoesNotContain(Plan(acknowledged), line => line.StartsWith("firstResponse", StringComparison.Ordinal));
        Assert.Contains(Plan(acknowledged), line => line.StartsWith("assignment", StringComparison.Ordinal));
    }

    [Fact]
    public void An_assigned_ticket_nudges_its_assignee_and_escalates_past_them_to_the_senior_and_the_lead()
    {
        var assignedAt = ChinaTime(11, 23, 10, 0);
        var ticket = TestTickets.Ticket(status: TicketStatus.Accepted, priority: Priority.High, submittedAt: ChinaTime(11, 23, 9, 50), assignee: TeamsOffice.JamesCarter) with
        {
            Milestones = new TicketMilestones { AssignedAt = assignedAt, FirstResponseAt = assignedAt },
        };

        // High: the engineer's response within 2 h, the cause located within 30 min (seed 002).
        Assert.Equal(
            [
                "escalation nudge 11-23 10:22:30 → engineer:" + TeamsOffice.JamesCarter,
                "escalation breach 11-23 10:30:00 → engineer:" + TeamsOffice.JamesCarter + ", engineer:" + TeamsOffice.ZhengLi,
                "escalation lead 11-23 11:00:00 → engineer:" + TeamsOffice.WuGang,
                "engineerResponse nudge 11-23 11:30:00 → engineer:" + TeamsOffice.JamesCarter,
                "engineerResponse breach 11-23 12:00:00 → engineer:" + TeamsOffice.JamesCarter + ", engineer:" + TeamsOffice.ZhengLi,
                "engineerResponse lead 11-23 14:00:00 → engineer:" + TeamsOffice.WuGang,
            ],
            Plan(ticket));
    }

    [Fact]
    public void While_waiting_for_the_reporter_only_the_reporter_is_reminded()
    {
        var assignedAt = ChinaTime(11, 23, 9, 30);
        var asked = ChinaTime(11, 23, 10, 0);
        var ticket = TestTickets.Ticket(status: TicketStatus.WaitingForReporter, priority: Priority.Medium, submittedAt: ChinaTime(11, 23, 9, 20), assignee: TeamsOffice.JamesCarter) with
        {
            Milestones = new TicketMilestones { AssignedAt = assignedAt, FirstResponseAt = assignedAt, InformationRequestedAt = asked },
            History =
            [
                HistoryEntry.Of(Actor.System, assignedAt, HistoryKinds.Assigned, after: TeamsOffice.JamesCarter),
                HistoryEntry.Of(new Actor(TeamsOffice.JamesCarter, "James"), asked, HistoryKinds.Status, nameof(TicketStatus.Accepted), nameof(TicketStatus.WaitingForReporter)),
            ],
        };

        Assert.Equal(
            [
                "informationRequest nudge 11-23 10:45:00 → reporter:" + TestTickets.Employee.Id,
                "informationRequest breach 11-23 11:00:00 → reporter:" + TestTickets.Employee.Id + ", engineer:" + TeamsOffice.JamesCarter,
            ],
            Plan(ticket));
    }

    /// <summary>Each step as "deadline step MM-dd HH:mm:ss (Shanghai) → recipients".</summary>
    private List<string> Plan(Ticket ticket)
    {
        var planner = Planner();
        return [.. planner.Steps(ticket).OrderBy(s => s.At).ThenBy(s => s.Deadline).Select(step => string.Create(CultureInfo.InvariantCulture,
            $"{step.Deadline.Key()} {step.Kind.ToString().ToLowerInvariant()} {step.At.ToOffset(Shanghai):MM-dd HH:mm:ss} → {string.Join(", ", planner.RecipientsOf(ticket, step).Select(r => r.Key))}"))];
    }

    private ReminderPlanner Planner()
    {
        var triage = new TriageChannels(
            new SupportBot.Storage.LiteDbTriageChannelStore(_services.GetRequiredService<LiteDB.ILiteDatabase>()),
            _services.GetRequiredService<SupportRoster>(),
            Options.Create(new TeamsReachOptions()),
            Options.Create(new BotFrameworkOptions()));
        return new ReminderPlanner(
            _services.GetRequiredService<DeadlineCalculator>(),
            _services.GetRequiredService<SlaPolicy>(),
            _services.GetRequiredService<SupportRoster>(),
            triage,
            Options.Create(new ReminderOptions()));
    }
}
