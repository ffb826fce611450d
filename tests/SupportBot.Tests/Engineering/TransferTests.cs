using Microsoft.Extensions.DependencyInjection;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// Transfer and reclassify (issue 21 item 2): an engineer of the ticket's team moves it to another category and team
/// with a reason; it leaves the old triage queue (whose card says where it went), appears in the new team's, is routed
/// by that team's rules, and keeps the clocks already running. Co-handlers may come from any team and add notes only.
/// </summary>
public sealed class TransferTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private const string NetworkTriage = "19:network-triage@thread.tacv2";
    private const string AnnaSchmidt = "9f1c2d3e-0002-4000-8000-000000000002";
    private TeamsOffice _office = null!;
    private TeamsPerson _zhang = null!;

    public async Task InitializeAsync()
    {
        _office = await OpenAsync();
        await _office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        await _office.InChannel(NetworkTriage, Admin, "IT Admin", "zh-CN").SayAsync("绑定分诊 network");
        _zhang = _office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await TicketLifeTests.FileOaTicketAsync(_zhang);
        await _office.DrainAsync();
    }

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task A_transfer_needs_a_reason_moves_the_ticket_to_the_new_teams_queue_and_keeps_its_clocks()
    {
        var anna = _office.Personal(AnnaSchmidt, "Anna Schmidt", "en-US");
        await anna.InstallAsync();
        var james = _office.InTriageChannel(JamesCarter, "James Carter", "en-US");
        var card = james.LatestCardWith("transfer");
        Assert.Contains("Network → Network team", Choices(card, "transfer.category"));
        var firstResponseDue = Due(DeadlineKind.FirstResponse);

        var noReason = await james.ExecuteAsync(card, "transfer", ("category", "network"));
        Assert.Contains("A reason is required.", Text(noReason), StringComparison.Ordinal);
        Assert.Equal("apps", _office.Ticket(Number).Team);

        _office.App.Time.Advance(TimeSpan.FromMinutes(3));
        var done = await james.ExecuteAsync(card, "transfer", ("category", "network"), ("reason", "是VPN断线,不是OA*系统*"));
        await _office.DrainAsync();

        // Routed by the network team's rules (least loaded: Anna), accepted, the same clocks.
        var ticket = _office.Ticket(Number);
        Assert.Equal(("network", "network", AnnaSchmidt, TicketStatus.Accepted), (ticket.Category, ticket.Team, ticket.Assignee, ticket.Status));
        Assert.Equal(firstResponseDue, Due(DeadlineKind.FirstResponse));
        Assert.Contains($"{Number} is transferred; the reporter is told.", Text(done), StringComparison.Ordinal);

        // The old queue's card says where it went, escaped, with nothing to press; the new queue has the ticket.
        var old = james.Updates[^1].Card;
        Assert.Contains(@"Transferred to Network team by James Carter: 是VPN断线,不是OA\*系统\*. It is no longer in this queue.", Text(old), StringComparison.Ordinal);
        Assert.Empty(Verbs(old));
        var network = _office.InChannel(NetworkTriage, "9f1c2d3e-0002-4000-8000-000000000001", "赵强 Zhao Qiang", "zh-CN");
        Assert.Contains($"{Number} · 登录OA系统时", Text(network.LatestCardWith("note")), StringComparison.Ordinal);
        Assert.Contains("负责人: Anna Schmidt", Text(network.LastCard()), StringComparison.Ordinal);
        Assert.StartsWith($"{Number}", anna.Texts[^1], StringComparison.Ordinal);
        Assert.Equal(@$"您的工单 {Number} 现由网络组处理:是VPN断线,不是OA\*系统\*", _zhang.Texts[^1]);

        // The old team no longer acts on it.
        var refused = await _office.Personal(JamesCarter, "James Carter", "en-US").ExecuteAsync(network.LastCard(), "note", ("text", "still looking"));
        Assert.Contains($"You are not allowed to do “Add diagnosis note” on ticket {Number}.", Text(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reclassified_within_the_team_it_stays_with_its_engineer()
    {
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await zheng.ExecuteAsync(zheng.LatestCardWith("take"), "take");
        await _office.DrainAsync();

        var done = await zheng.ExecuteAsync(zheng.LastCard(), "transfer", ("category", "request"), ("reason", "其实是新功能需求"));
        await _office.DrainAsync();

        var ticket = _office.Ticket(Number);
        Assert.Equal(("request", "apps", ZhengLi, TicketStatus.Accepted), (ticket.Category, ticket.Team, ticket.Assignee, ticket.Status));
        Assert.Contains($"{Number} 已转交,已告知报告人。", Text(done), StringComparison.Ordinal);
        Assert.Contains("changed the category: 其实是新功能需求", Text(zheng.Updates[^1].Card), StringComparison.Ordinal);
        Assert.Contains("类别: 服务请求(新功能或变更)", Text(_zhang.Updates[^1].Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_co_handler_from_another_team_sees_the_card_and_may_add_notes_but_nothing_else()
    {
        var anna = _office.Personal(AnnaSchmidt, "Anna Schmidt", "en-US");
        await anna.InstallAsync();
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await zheng.ExecuteAsync(zheng.LatestCardWith("take"), "take");
        await _office.DrainAsync();

        var card = zheng.LastCard();
        Assert.Contains("Anna Schmidt (Network team)", Choices(card, "cohandler.engineer"));
        await zheng.ExecuteAsync(card, "cohandler", ("engineer", AnnaSchmidt));
        await _office.DrainAsync();

        Assert.StartsWith($"郑丽 Zheng Li added you as co-handler of {Number}", anna.Texts[^1], StringComparison.Ordinal);
        var annasCard = anna.LatestCardWith("note");
        Assert.Equal(["note"], Verbs(annasCard));
        var noted = await anna.ExecuteAsync(annasCard, "note", ("text", "VPN gateway logs show no drop for this user"));
        Assert.Contains($"Note added to {Number}.", Text(noted), StringComparison.Ordinal);
        Assert.Equal("VPN gateway logs show no drop for this user", _office.Ticket(Number).DiagnosisLog[^1].Text);

        // Anything else from her (a forged Resolve, a Transfer) is refused: only the ticket's team acts on its lifecycle.
        var forged = System.Text.Json.JsonDocument.Parse(noted.GetRawText().Replace("\"note\"", "\"resolve\"", StringComparison.Ordinal)).RootElement;
        var refused = await anna.ExecuteAsync(forged, "resolve", ("solution", "fixed"), ("effort", "5"));
        Assert.Contains($"You are not allowed to do “Resolve” on ticket {Number}.", Text(refused), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.InProgress, _office.Ticket(Number).Status);
    }

    private DateTimeOffset? Due(DeadlineKind kind) =>
        _office.App.Services.GetRequiredService<TicketService>().DeadlinesOf(_office.Ticket(Number)).Single(d => d.Kind == kind).DueAt;
}
