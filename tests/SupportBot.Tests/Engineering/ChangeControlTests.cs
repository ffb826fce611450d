using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// Change control and its records (seeds 000, 002, 003, 001): a declined plan stops Resolve until a new one is
/// approved; the engineer logs implementation steps (from the card, and with a screenshot from their chat); Resolve
/// records effort, cost and advice; and the reporter's verification card shows the solution, the time it took and the
/// advice. The reporter (张伟) reads Chinese, the engineer (James Carter) English.
/// </summary>
public sealed class ChangeControlTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private TeamsOffice _office = null!;
    private TeamsPerson _zhang = null!;
    private TeamsPerson _james = null!;

    public async Task InitializeAsync()
    {
        _office = await OpenAsync();
        await _office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        _james = _office.Personal(JamesCarter, "James Carter", "en-US");
        await _james.InstallAsync();
        _zhang = _office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await TicketLifeTests.FileOaTicketAsync(_zhang);
        await _office.DrainAsync();
        await _office.InTriageChannel(JamesCarter, "James Carter", "en-US").ExecuteAsync(_office.InTriageChannel(JamesCarter, "James Carter", "en-US").LatestCardWith("take"), "take");
        await _office.DrainAsync();

        // Acknowledged at once: no first-response reminder lands (and changes the card's version) while the clock moves.
        await _james.ExecuteAsync(_james.LatestCardWith("ack"), "ack");
        await _office.DrainAsync();
    }

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task A_declined_plan_blocks_Resolve_until_a_new_plan_is_approved()
    {
        await _james.ExecuteAsync(_james.LatestCardWith("propose"), "propose", ("solution", "Clear the approval cache table"), ("changesData", "true"));
        await _office.DrainAsync();
        await _zhang.ExecuteAsync(_zhang.LatestCardWith("decline"), "decline", ("reason", "缓存表里有未提交的单据"));
        await _office.DrainAsync();

        Assert.Equal($"The reporter declined the change on {Number}. 缓存表里有未提交的单据", _james.Texts[^1]);
        var afterDecline = _james.LatestCardWith("propose");
        Assert.DoesNotContain("resolve", Verbs(afterDecline));
        Assert.Contains("Clear the approval cache table (declined by the reporter)", Text(afterDecline), StringComparison.Ordinal);

        // A Resolve pressed anyway (a forged button on the current card) is refused with the reason.
        var forged = System.Text.Json.JsonDocument.Parse(afterDecline.GetRawText().Replace("\"note\"", "\"resolve\"", StringComparison.Ordinal)).RootElement;
        var refused = await _james.ExecuteAsync(forged, "resolve", ("solution", "Cleared it"), ("effort", "10"));
        Assert.Contains($"Ticket {Number} can't be resolved yet: the reporter declined the proposed change. Propose a new plan first.", Text(refused), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.InProgress, _office.Ticket(Number).Status);

        // A new plan, approved: Resolve is back.
        await _james.ExecuteAsync(afterDecline, "propose", ("solution", "Rebuild the cache after the drafts are saved"), ("changesData", "true"));
        await _office.DrainAsync();
        Assert.DoesNotContain("resolve", Verbs(_james.LatestCardWith("propose")));
        await _zhang.ExecuteAsync(_zhang.LatestCardWith("approve"), "approve");
        await _office.DrainAsync();
        Assert.Contains("resolve", Verbs(_james.LatestCardWith("resolve")));
    }

    [Fact]
    public async Task Implementation_steps_effort_cost_and_advice_are_recorded_and_the_reporter_sees_solution_time_and_advice()
    {
        // A step from the card, and one with a screenshot from the engineer's chat.
        _office.App.Time.Advance(TimeSpan.FromMinutes(20));
        var logged = await _james.ExecuteAsync(_james.LatestCardWith("log"), "log", ("step", "Backed up the approval tables"));
        Assert.Contains($"Step added to the implementation log of {Number}.", Text(logged), StringComparison.Ordinal);
        await _james.SayWithFilesAsync(
            $"log {Number} Restarted the <b>approval</b> service",
            new Attachment { ContentType = "image/png", Name = "restart [ok].png", ContentUrl = "https://files.example.com/shots/restart(1).png" });
        await _office.DrainAsync();
        Assert.Equal($"Recorded in the implementation log of {Number} (files attached: 1).", _james.Texts[^1]);

        var ticket = _office.Ticket(Number);
        Assert.Equal(["Backed up the approval tables", "Restarted the <b>approval</b> service"], ticket.ImplementationLog.Select(e => e.Text));
        Assert.All(ticket.ImplementationLog, e => Assert.Equal("James Carter", e.Author));
        Assert.Equal("https://files.example.com/shots/restart(1).png", Assert.Single(ticket.ImplementationLog[1].Attachments).Url);
        var card = Text(_james.LatestCardWith("resolve"));
        Assert.Contains("Implementation log", card, StringComparison.Ordinal);
        Assert.Contains("James Carter: Backed up the approval tables", card, StringComparison.Ordinal);
        Assert.Contains(@"Restarted the \<b\>approval\</b\> service · [restart \[ok\].png](https://files.example.com/shots/restart%281%29.png)", card, StringComparison.Ordinal);

        // A reporter cannot write into the log: their "记录 …" is just words to the intake.
        await _zhang.SayAsync($"记录 {Number} 我自己重启了电脑");
        Assert.Equal(2, _office.Ticket(Number).ImplementationLog.Count);
        Assert.DoesNotContain("实施记录", _zhang.Texts[^1], StringComparison.Ordinal);

        // Resolve with effort, cost and advice; the reporter's verification card shows what was done, how long it took and the advice.
        _office.App.Time.Advance(TimeSpan.FromMinutes(100));
        var resolved = await _james.ExecuteAsync(_james.LatestCardWith("resolve"), "resolve",
            ("solution", "Rebuilt the approval cache"), ("effort", "90"), ("cost", "350.50"), ("advice", "每月底前清理一次浏览器缓存"));
        await _office.DrainAsync();
        var resolution = _office.Ticket(Number).Resolution!;
        Assert.Equal((90, 350.50m, "每月底前清理一次浏览器缓存"), (resolution.EffortMinutes, resolution.Cost!.Value, resolution.Advice));
        Assert.Contains("Cost: 350.50", Text(resolved), StringComparison.Ordinal);
        Assert.Contains("Follow-up advice: 每月底前清理一次浏览器缓存", Text(resolved), StringComparison.Ordinal);
        var verification = Text(_zhang.LatestCardWith("solved"));
        Assert.Contains("您的工单已解决:Rebuilt the approval cache\n用时:2小时\n建议", verification, StringComparison.Ordinal);
        Assert.Contains("建议:每月底前清理一次浏览器缓存\n问题是否已经解决?", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cost_that_is_not_an_amount_is_refused_on_the_card_with_the_text_kept()
    {
        var card = _james.LatestCardWith("resolve");
        var answer = await _james.ExecuteAsync(card, "resolve", ("solution", "重建缓存"), ("effort", "30"), ("cost", "三百"));

        Assert.Null(_office.Ticket(Number).Resolution);
        Assert.Contains("The cost must be an amount from 0 to 10000000, with a point for decimals.", Text(answer), StringComparison.Ordinal);
        Assert.Contains("重建缓存", Walk(answer).Where(n => n.TryGetProperty("id", out var id) && id.GetString() == "resolve.solution").Select(n => n.GetProperty("value").GetString()));
    }
}
