using System.Text.Json;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// What must hold when cards are pressed in the wrong order, twice, at once, by the wrong person or with bad input:
/// the ticket changes at most once, nobody acts beyond their rights, and the presser sees why with the current card.
/// </summary>
public sealed class CardSafetyTests : IAsyncLifetime
{
    private const string Number = "TS-20261123-001";
    private TeamsOffice _office = null!;
    private TeamsPerson _zhang = null!;

    public async Task InitializeAsync()
    {
        _office = await OpenAsync();
        await _office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        _zhang = _office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await TicketLifeTests.FileOaTicketAsync(_zhang);
        await _office.DrainAsync();
    }

    public async Task DisposeAsync() => await _office.DisposeAsync();

    [Fact]
    public async Task Two_engineers_taking_the_same_ticket_at_once_leave_exactly_one_assignee()
    {
        var zheng = _office.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var james = _office.Personal(JamesCarter, "James Carter", "en-US");
        var card = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN").LatestCardWith("take");

        // From their own chats (different conversations, so no turn waits for the other), the same card version.
        var cards = await Task.WhenAll(zheng.ExecuteAsync(card, "take"), james.ExecuteAsync(card, "take"));
        await _office.DrainAsync();

        var ticket = _office.Ticket(Number);
        Assert.Contains(ticket.Assignee, new[] { ZhengLi, JamesCarter });
        Assert.Single(ticket.History, e => e.What == "assigned");
        var texts = cards.Select(Text).ToList();
        Assert.Single(texts, t => t.Contains("已由您负责", StringComparison.Ordinal) || t.Contains("is yours", StringComparison.Ordinal));
        Assert.Single(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, "已由 .+ 于 .+ 接手|Already taken by"));
    }

    [Fact]
    public async Task A_double_click_applies_once_and_the_second_click_gets_the_current_card()
    {
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var card = zheng.LatestCardWith("take");

        await zheng.ExecuteAsync(card, "take");
        var second = await zheng.ExecuteAsync(card, "take");

        var ticket = _office.Ticket(Number);
        Assert.Single(ticket.History, e => e.What == "assigned");
        Assert.Contains("已由 郑丽 Zheng Li 于 09:30 接手。", Text(second), StringComparison.Ordinal);
        Assert.Equal(ticket.Version, Version(second));
        Assert.DoesNotContain("take", Verbs(second));
    }

    [Fact]
    public async Task A_card_from_before_a_change_is_refused_and_shows_what_changed()
    {
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var old = zheng.LatestCardWith("take");
        await zheng.ExecuteAsync(old, "take");
        var versionAfterTake = _office.Ticket(Number).Version;

        // Yesterday's card still has the old version: a note from it must not land.
        var refreshed = await zheng.ExecuteAsync(old, "ack");

        Assert.Equal(versionAfterTake, _office.Ticket(Number).Version);
        Assert.Null(_office.Ticket(Number).Milestones.FirstResponseAt);
        Assert.Contains("This card was out of date: 郑丽 Zheng Li — took it at 09:30.", Text(refreshed), StringComparison.Ordinal);
        Assert.Equal(versionAfterTake, Version(refreshed));
    }

    [Fact]
    public async Task A_reporter_pressing_an_engineers_button_from_a_forwarded_card_is_refused()
    {
        var card = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN").LatestCardWith("take");
        var answer = await _zhang.ExecuteAsync(card, "take");

        Assert.Equal((1, null), (_office.Ticket(Number).Version, _office.Ticket(Number).Assignee));
        Assert.Contains($"您无权对工单 {Number} 执行「Assign」", Text(answer).Replace("分配", "Assign", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Verbs(answer));
    }

    [Fact]
    public async Task An_engineer_of_another_team_cannot_act_and_the_card_offers_them_nothing()
    {
        var annaFromNetwork = _office.InTriageChannel("9f1c2d3e-0002-4000-8000-000000000002", "Anna Schmidt", "en-US");
        var card = annaFromNetwork.LatestCardWith("take");

        var answer = await annaFromNetwork.ExecuteAsync(card, "take");

        Assert.Null(_office.Ticket(Number).Assignee);
        Assert.Contains($"You are not allowed to do “Assign” on ticket {Number}.", Text(answer), StringComparison.Ordinal);
        Assert.Empty(Verbs(answer));
    }

    [Fact]
    public async Task Invalid_input_is_shown_on_the_card_with_what_was_typed_and_changes_nothing()
    {
        var wu = _office.InTriageChannel(WuGang, "吴刚 Wu Gang", "en-US");
        var card = wu.LatestCardWith("priority");
        var noReason = await wu.ExecuteAsync(card, "priority", ("priority", "urgent"), ("reason", "  "));
        var tooLong = await wu.ExecuteAsync(card, "ask", ("question", new string('x', 4001)));

        Assert.Equal((1, TicketStatus.Submitted, Priority.Low), (_office.Ticket(Number).Version, _office.Ticket(Number).Status, _office.Ticket(Number).Priority));
        Assert.Contains("A reason is required.", Text(noReason), StringComparison.Ordinal);
        var priorityInput = Walk(noReason).Single(n => n.TryGetProperty("id", out var id) && id.GetString() == "priority.priority");
        Assert.Equal("urgent", priorityInput.GetProperty("value").GetString());
        Assert.Contains("That is too long: at most 4000 characters.", Text(tooLong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_naming_a_ticket_that_does_not_exist_says_so()
    {
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var card = JsonDocument.Parse(zheng.LatestCardWith("take").GetRawText().Replace(Number, "TS-20261123-999", StringComparison.Ordinal)).RootElement;

        var answer = await zheng.ExecuteAsync(card, "take");

        Assert.Contains("I can't find a ticket TS-20261123-999", Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_SupportBot_does_not_know_says_so_and_changes_nothing()
    {
        var zheng = _office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var forged = JsonDocument.Parse(zheng.LatestCardWith("take").GetRawText().Replace("\"take\"", "\"shred\"", StringComparison.Ordinal)).RootElement;

        var answer = await zheng.ExecuteAsync(forged, "shred");
        await _office.InTriageChannel(WuGang, "吴刚 Wu Gang", "zh-CN").SubmitAsync(forged, "shred");

        Assert.Equal((1, TicketStatus.Submitted, null), (_office.Ticket(Number).Version, _office.Ticket(Number).Status, _office.Ticket(Number).Assignee));
        Assert.Contains("SupportBot does not know the button \"shred\": nothing was changed.", Text(answer), StringComparison.Ordinal);
        Assert.Contains("take", Verbs(answer));
        var said = _office.CallsTo($"{TriageChannelId};messageid=1700000000001").Select(c => c.Text).ToList();
        Assert.Contains("SupportBot 不认识按钮“shred”:工单未做任何更改。这是工单的当前状态。", said);
    }

    [Fact]
    public async Task Only_an_administrator_can_bind_a_triage_channel()
    {
        var james = _office.InTriageChannel(JamesCarter, "James Carter", "en-US");

        await james.SayAsync("bind triage network");
        await _office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage nosuchteam");

        var replies = _office.CallsTo($"{TriageChannelId};messageid=1700000000001").Select(c => c.Text).ToList();
        Assert.Contains("Only a SupportBot administrator can choose the triage channel.", replies);
        Assert.Contains(replies, r => r!.StartsWith("There is no team “nosuchteam”. Teams: servicedesk, network", StringComparison.Ordinal));
    }
}
