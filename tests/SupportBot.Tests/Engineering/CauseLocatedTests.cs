using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Common;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// An engineer marks a diagnosis note as the cause ("This is the cause" on Add note): the "cause located" deadline of
/// an urgent ticket is met, so it no longer escalates, and the engineers' card shows the cause.
/// </summary>
public sealed class CauseLocatedTests
{
    [Theory]
    [InlineData("zh-CN", "原因")]
    [InlineData("en-US", "Cause")]
    public async Task A_note_marked_as_the_cause_meets_the_escalation_deadline_and_the_card_shows_it(string locale, string label)
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", locale).SayAsync("bind triage apps");
        var zheng = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", locale);
        var reporter = office.Personal("aad-reporter-cause", "张伟", "zh-CN");
        foreach (var answer in new[] { "登录OA系统时,'审批'按钮无响应,错误代码为E005", "今天早上9点", "是", "很多人", "跳过", "A10023", "财务部", "8021" })
        {
            await reporter.SayAsync(answer);
        }

        await reporter.ClickIntakeAsync("submit");
        await office.DrainAsync();
        const string number = "TS-20261123-001";
        Assert.Equal(SupportBot.Tickets.Priority.Urgent, office.Ticket(number).Priority);

        Assert.Equal(ZhengLi, office.Ticket(number).Assignee);
        var noted = await zheng.ExecuteAsync(zheng.LatestCardWith("note"), "note", ("text", "查看了审批服务日志"));
        Assert.True(await EscalationOpenAsync(office, number));
        var card = await zheng.ExecuteAsync(noted, "note", ("text", "审批服务的数据库连接池 <满了>"), ("cause", "true"));

        Assert.False(await EscalationOpenAsync(office, number));
        Assert.Contains($"{label}: {ReporterText.Escape("审批服务的数据库连接池 <满了>")}", TicketCards.Texts(card));
        var ticket = office.Ticket(number);
        Assert.Equal([false, true], ticket.DiagnosisLog.Select(note => note.IsCause));
        Assert.NotNull(ticket.Milestones.CauseLocatedAt);
    }

    private static async Task<bool> EscalationOpenAsync(TeamsOffice office, string number)
    {
        var view = await office.App.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        var escalation = view.GetProperty("deadlines").EnumerateArray().Single(deadline => deadline.GetProperty("kind").GetString() == "escalation");
        return escalation.TryGetProperty("metAt", out var met) is false || met.ValueKind == JsonValueKind.Null;
    }
}
