using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Tickets;

public sealed class TicketServiceTests : IDisposable
{
    // From the sample roster.
    private const string ZhengLi = "9f1c2d3e-0004-4000-8000-000000000002";
    private const string JamesCarter = "9f1c2d3e-0004-4000-8000-000000000003";
    private const string ZhaoQiang = "9f1c2d3e-0002-4000-8000-000000000001";

    private readonly FakeTimeProvider _time = new(ChinaTime(11, 23, 9, 10));
    private readonly ServiceProvider _services;
    private readonly TicketService _sut;

    public TicketServiceTests()
    {
        _services = SampleConfiguration.Services(_time);
        _sut = _services.GetRequiredService<TicketService>();
    }

    private static Actor Reporter => new(TestTickets.Employee.Id, TestTickets.Employee.Name);

    [Fact]
    public async Task Submit_FirstTicketOfTheDay_IsNumberedWithTheShanghaiDate()
    {
        // 16:30 UTC on the 22nd is already 00:30 on the 23rd in Shanghai.
        using var services = SampleConfiguration.Services(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero)));
        var sut = services.GetRequiredService<TicketService>();

        var first = await sut.SubmitAsync(TestTickets.Draft(), Reporter);
        var second = await sut.SubmitAsync(TestTickets.Draft(), Reporter);

        Assert.Equal("TS-20261123-001", first.Number);
        Assert.Equal("TS-20261123-002", second.Number);
    }

    [Fact]
    public async Task Submit_MediumSoftwareBug_GoesToTheLeastLoadedAppsEngineerAndRecordsWhy()
    {
        var first = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);
        var second = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);

        Assert.Equal(("apps", ZhengLi, TicketStatus.Accepted), (first.Team, first.Assignee, first.Status));
        Assert.Equal(JamesCarter, second.Assignee);
        Assert.Equal([HistoryKinds.Created, HistoryKinds.Assigned, HistoryKinds.Status], first.History.Select(h => h.What));
        Assert.Equal(ChinaTime(11, 23, 9, 10), first.Milestones.AssignedAt);
    }

    [Fact]
    public async Task Submit_UrgentNetworkOutage_GoesToTheNetworkSeniorAtOnce()
    {
        var ticket = await _sut.SubmitAsync(TestTickets.Draft("network", Priority.Urgent), Reporter);

        Assert.Equal(ZhaoQiang, ticket.Assignee);
        Assert.Equal(nameof(SupportBot.Tickets.Routing.RoutingReason.UrgentToSenior), ticket.History[1].Note);
    }

    [Fact]
    public async Task Submit_HardwareFaultForAQueueTeam_WaitsUnassignedWithItsFirstDeadlineIndexed()
    {
        var ticket = await _sut.SubmitAsync(TestTickets.Draft("hardware"), Reporter);

        Assert.Equal(("desktop", null, TicketStatus.Submitted), (ticket.Team, ticket.Assignee, ticket.Status));
        Assert.Equal(ChinaTime(11, 23, 9, 25), ticket.NextDueAt);
    }

    [Fact]
    public async Task Apply_FromAStaleCopy_ChangesNothingAndReturnsTheCurrentTicket()
    {
        var seen = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);
        var engineer = new Actor(ZhengLi, "郑丽");
        Assert.True(_sut.Apply(seen, TicketAction.Acknowledge, engineer).Applied);

        var second = _sut.Apply(seen, TicketAction.StartWork, engineer);

        Assert.Equal(TicketChangeOutcome.Stale, second.Outcome);
        Assert.Equal(TicketStatus.Accepted, second.Ticket!.Status);
        Assert.Equal(2, second.Ticket.Version);
    }

    [Fact]
    public async Task Apply_WhenAReminderIsRecordedBetweenTheReadAndTheSave_IsAppliedOnTopOfIt()
    {
        // The race a reporter met in the web chat: "cancel TS-…" refused as "still submitted" because the
        // overdue-reminder job recorded its nudge on the ticket while the cancel was being decided.
        ReminderInBetween? racing = null;
        using var services = SampleConfiguration.Services(_time, store: inner => racing = new ReminderInBetween(inner, _time));
        var sut = services.GetRequiredService<TicketService>();
        var seen = await sut.SubmitAsync(TestTickets.Draft("hardware"), Reporter);

        var change = sut.Apply(seen, TicketAction.Cancel, Reporter, note: "works again");

        Assert.True(racing!.Raced);
        Assert.Equal(TicketChangeOutcome.Applied, change.Outcome);
        var stored = sut.Find(seen.Number)!;
        Assert.Equal(TicketStatus.Cancelled, stored.Status);
        Assert.Equal([HistoryKinds.Reminded, "cancel"], stored.History.Skip(seen.History.Count).Take(2).Select(h => h.What));
    }

    /// <summary>A ticket store whose first save is preceded by a reminder job's record of the same ticket.</summary>
    private sealed class ReminderInBetween(ITicketStore inner, TimeProvider time) : ITicketStore
    {
        public bool Raced { get; private set; }

        public TicketUpdate TryUpdate(Ticket changed)
        {
            if (!Raced)
            {
                Raced = true;
                var current = inner.Find(changed.Number)!;
                var reminded = inner.TryUpdate(current with { History = [.. current.History, HistoryEntry.Of(Actor.System, time.GetUtcNow(), HistoryKinds.Reminded)] });
                Assert.Equal(TicketUpdateOutcome.Saved, reminded.Outcome);
            }

            return inner.TryUpdate(changed);
        }

        public Task<Ticket> CreateAsync(DateOnly day, Func<int, Ticket> build) => inner.CreateAsync(day, build);
        public Ticket? Find(string number) => inner.Find(number);
        public Ticket? FindByForm(string formId) => inner.FindByForm(formId);
        public IReadOnlyList<Ticket> Query(TicketQuery query) => inner.Query(query);
        public bool AnyOpenFiledFrom(ConversationAddress conversation) => inner.AnyOpenFiledFrom(conversation);
        public IEnumerable<Ticket> OpenWithDeadlines() => inner.OpenWithDeadlines();
        public IEnumerable<Ticket> SubmittedBetween(DateTimeOffset from, DateTimeOffset to) => inner.SubmittedBetween(from, to);
        public IEnumerable<TicketOutline> OutlinesSubmittedBetween(DateTimeOffset from, DateTimeOffset to) => inner.OutlinesSubmittedBetween(from, to);
        public IEnumerable<TicketOutline> OutlinesClosedBetween(DateTimeOffset from, DateTimeOffset to) => inner.OutlinesClosedBetween(from, to);
        public IReadOnlyDictionary<string, int> OpenTicketsByAssignee(string team) => inner.OpenTicketsByAssignee(team);
    }

    [Fact]
    public async Task Apply_RefusedAction_ExplainsItInTheReportersLanguage()
    {
        var ticket = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);
        var messages = _services.GetRequiredService<RefusalMessages>();

        var change = _sut.Apply(ticket, TicketAction.Resolve, Reporter);

        Assert.Equal(TicketChangeOutcome.Refused, change.Outcome);
        Assert.Equal($"您无权对工单 {ticket.Number} 执行「标记已解决」。", messages.Describe(change.Decision!, change.Ticket!, "zh-CN"));
        Assert.Equal($"You are not allowed to do “Resolve” on ticket {ticket.Number}.", messages.Describe(change.Decision!, change.Ticket!, "en-US"));
        Assert.Equal(1, _sut.Find(ticket.Number)!.Version);
    }

    [Fact]
    public async Task Apply_Reassign_RecordsBeforeAndAfterAndRestartsTheEngineersClock()
    {
        var ticket = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);
        _time.Advance(TimeSpan.FromMinutes(20));

        var change = _sut.Apply(ticket, TicketAction.Assign, new Actor(JamesCarter, "James"), t => t with { Assignee = JamesCarter });

        var entry = change.Ticket!.History.Single(h => h.What == HistoryKinds.Assigned && h.ActorId == JamesCarter);
        Assert.Equal((ZhengLi, JamesCarter), (entry.Before, entry.After));
        var response = _sut.DeadlinesOf(change.Ticket).Single(d => d.Kind == DeadlineKind.EngineerResponse);
        Assert.Equal(ChinaTime(11, 23, 9, 30), response.StartedAt);
        var assignment = _sut.DeadlinesOf(change.Ticket).Single(d => d.Kind == DeadlineKind.Assignment);
        Assert.Equal(ChinaTime(11, 23, 9, 10), assignment.MetAt);
    }

    [Fact]
    public async Task AskReporterThenAnswer_PausesTheEngineersClockAndExplainsIt()
    {
        var engineer = new Actor(ZhengLi, "郑丽");
        var explainer = _services.GetRequiredService<DeadlineExplainer>();
        var china = ChinaOffice().TimeZone;
        var ticket = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);

        _time.SetUtcNow(ChinaTime(11, 23, 10, 0));
        ticket = _sut.Apply(ticket, TicketAction.AskReporter, engineer).Ticket!;
        var whileWaiting = _sut.DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.EngineerResponse);

        _time.SetUtcNow(ChinaTime(11, 23, 11, 20));
        ticket = _sut.Apply(ticket, TicketAction.AnswerQuestion, Reporter).Ticket!;
        var resumed = _sut.DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.EngineerResponse);

        Assert.Null(whileWaiting.DueAt);
        Assert.Equal("on hold while waiting for you: 4 h business time from 09:10", explainer.Explain(whileWaiting, china, "en-US", readerIsReporter: true));
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(ChinaTime(11, 23, 16, 0), resumed.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(80), resumed.Paused);
        Assert.Equal("due 16:00: 4 h business time from 09:10, paused 1 h 20 min waiting for you", explainer.Explain(resumed, china, "en-US", readerIsReporter: true));
        Assert.Equal("16:00 到期:自 09:10 起 4小时工作时间,等待报告人回复暂停 1小时20分钟", explainer.Explain(resumed, china, "zh-CN", readerIsReporter: false));
        Assert.Equal(ticket.NextDueAt, _sut.DeadlinesOf(ticket).Where(d => d.IsOpen).Min(d => d.DueAt));
    }

    [Fact]
    public async Task AskReporter_TheReportersOwnClockRunsAndIsMetLateByALateAnswer()
    {
        var ticket = await _sut.SubmitAsync(TestTickets.Draft(), Reporter);
        _time.SetUtcNow(ChinaTime(11, 23, 10, 0));
        ticket = _sut.Apply(ticket, TicketAction.AskReporter, new Actor(ZhengLi, "郑丽")).Ticket!;
        _time.SetUtcNow(ChinaTime(11, 23, 11, 20));
        ticket = _sut.Apply(ticket, TicketAction.AnswerQuestion, Reporter).Ticket!;

        var request = _sut.DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.InformationRequest);

        Assert.Equal(ChinaTime(11, 23, 11, 0), request.DueAt);
        Assert.True(request.WasMetLate);
        Assert.Equal(TimeSpan.Zero, request.Paused);
    }

    public void Dispose() => _services.Dispose();
}
