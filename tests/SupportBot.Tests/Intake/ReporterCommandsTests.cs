using System.Net.Http.Json;
using System.Text.Json;

namespace SupportBot.Tests.Intake;

public sealed class ReporterCommandsTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Information_and_files_added_to_an_open_ticket_reach_its_history_and_attachments()
    {
        var zhang = await FileAsync(ScriptedReporter.Employee(_app));

        await zhang.SayAsync("补充 TS-20261123-001:Excel里也有同样的问题", [new() { ContentType = "text/plain", ContentUrl = "https://files.example/log.txt", Name = "log.txt" }]);
        Assert.Equal("已补充到 TS-20261123-001,处理工程师会看到。", zhang.Last);

        var ticket = (await _app.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/tickets/TS-20261123-001")).GetProperty("ticket");
        Assert.Equal("log.txt", ticket.GetProperty("attachments")[0].GetProperty("name").GetString());
        Assert.Contains(ticket.GetProperty("history").EnumerateArray(), entry => entry.GetProperty("note").GetString() == "Excel里也有同样的问题");
    }

    [Fact]
    public async Task Another_reporter_cannot_add_to_a_ticket_and_learns_nothing_about_it()
    {
        await FileAsync(ScriptedReporter.Employee(_app));
        var other = ScriptedReporter.Employee(_app, aadId: "aad-someone-else", name: "李娜");

        await other.SayAsync("补充 TS-20261123-001:我也遇到了");
        Assert.Equal("没有找到您的工单 TS-20261123-001。", other.Last);
    }

    [Fact]
    public async Task Help_mid_report_explains_and_asks_the_pending_question_again()
    {
        var zhang = ScriptedReporter.Employee(_app);
        await zhang.SayAsync("打印机卡纸了");
        var pending = zhang.Last;

        await zhang.SayAsync("帮助");
        Assert.StartsWith("我可以帮您提交工单", zhang.Texts[0], StringComparison.Ordinal);
        Assert.Equal(pending, zhang.Last);
    }

    [Fact]
    public async Task Change_my_details_asks_them_again_and_the_next_card_shows_the_new_ones()
    {
        var zhang = await FileAsync(ScriptedReporter.Employee(_app));

        await zhang.SayAsync("修改我的信息");
        Assert.Contains("工号", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("B20001");
        await zhang.SayAsync("信息部");
        await zhang.SayAsync("8100");
        Assert.Equal("谢谢,您的信息已保存。", zhang.Last);

        await zhang.SayAsync("打印机卡纸了");
        foreach (var answer in new[] { "没有", "刚才", "否", "只有我" })
        {
            await zhang.SayAsync(answer);
        }

        Assert.Contains("张伟 · B20001 · 信息部 · 8100", zhang.CardTexts());
    }

    private static async Task<ScriptedReporter> FileAsync(ScriptedReporter zhang)
    {
        foreach (var answer in new[] { "打印机卡纸了", "没有", "刚才", "否", "只有我", "A10023", "财务部", "8021" })
        {
            await zhang.SayAsync(answer);
        }

        await zhang.ClickAsync(zhang.CardAction("submit"));
        Assert.StartsWith("工单 TS-20261123-001 已提交", zhang.Last, StringComparison.Ordinal);
        return zhang;
    }
}
