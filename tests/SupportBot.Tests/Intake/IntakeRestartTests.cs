using System.Net.Http.Json;
using System.Text.Json;

namespace SupportBot.Tests.Intake;

/// <summary>The process is killed mid-conversation: a new host on the same database carries on where it was.</summary>
public sealed class IntakeRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task After_a_restart_the_report_continues_with_the_next_question_and_is_filed_once()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DatabasePath"] = _database.Path };
        await using (var before = new SupportBotApplication(settings))
        {
            var zhang = ScriptedReporter.Employee(before);
            await zhang.SayAsync("打印机卡纸了");
            await zhang.SayAsync("没有");
            Assert.Contains("第一次出现", zhang.Last, StringComparison.Ordinal);
        }

        await using var after = new SupportBotApplication(settings);
        var again = ScriptedReporter.Employee(after);
        await again.SayAsync("刚才");
        Assert.Contains("无法工作", again.Last, StringComparison.Ordinal);
        await again.FinishPrinterReportAndSubmitAsync();
        Assert.StartsWith("工单 TS-20261123-001 已提交:低 (P3)", again.Last, StringComparison.Ordinal);
        var tickets = await after.CreateAdminClient().GetFromJsonAsync<List<JsonElement>>("/api/tickets");
        Assert.Equal("打印机卡纸,无错误代码", Assert.Single(tickets!).GetProperty("ticket").GetProperty("description").GetProperty("specific").GetString());
    }
}
