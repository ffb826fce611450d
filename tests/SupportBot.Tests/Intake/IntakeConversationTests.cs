using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Tickets;

namespace SupportBot.Tests.Intake;

/// <summary>
/// Reporters filing tickets over real HTTP, turn by turn, in both languages. The clock stands at
/// Monday 2026-11-23 09:30 in Shanghai.
/// </summary>
public sealed class IntakeConversationTests : IDisposable
{
    private readonly SupportBotApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_specific_chinese_report_from_teams_is_filed_asking_only_what_is_missing()
    {
        var zhang = ScriptedReporter.Employee(_app);

        await zhang.SayAsync("登录OA系统时,'审批'按钮无响应,错误代码为E005");
        Assert.Equal(3, zhang.Replies.Count);
        Assert.Contains("您好", zhang.Texts[0], StringComparison.Ordinal);
        Assert.Equal("明白了:登录OA系统时,'审批'按钮无响应,错误代码为E005", zhang.Texts[1]);
        Assert.Contains("第一次出现", zhang.Last, StringComparison.Ordinal);

        await zhang.SayAsync("今天早上9点");
        Assert.Contains("软件缺陷", zhang.Last, StringComparison.Ordinal);
        Assert.Equal("软件缺陷", zhang.QuickReplies()[0]);

        await zhang.SayAsync("软件缺陷");
        Assert.Contains("无法工作", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("是");
        Assert.Contains("影响了哪些人", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("很多人");
        Assert.Contains("工号", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("A10023");
        await zhang.SayAsync("财务部");
        await zhang.SayAsync("8021");
        Assert.Contains("紧急 (P0)", string.Join("\n", zhang.CardTexts()), StringComparison.Ordinal);

        await zhang.ClickAsync(zhang.CardAction("submit"));
        Assert.Matches(@"^工单 TS-20261123-001 已提交:紧急 \(P0\),由.+处理。我们会在 2026-11-23 09:35 前回复您。$", zhang.Last);

        var ticket = await TicketAsync("TS-20261123-001");
        Assert.Equal("aad-zhang-wei", ticket.Reporter.Id);
        Assert.Equal(("A10023", "财务部", "8021"), (ticket.Reporter.EmployeeId, ticket.Reporter.Department, ticket.Reporter.Extension));
        Assert.Equal("登录OA系统时,'审批'按钮无响应,错误代码为E005", ticket.Description.Specific);
        Assert.Equal(Priority.Urgent, ticket.Priority);
        Assert.Equal("OA", ticket.AffectedSystem?.Name);
    }

    private async Task<Ticket> TicketAsync(string number)
    {
        var view = await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        return view.GetProperty("ticket").Deserialize<Ticket>(Json)!;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
