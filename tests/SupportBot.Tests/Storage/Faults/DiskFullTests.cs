using System.Net;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportBot.Storage;
using SupportBot.Common;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// The disk fills up mid-report and is freed again. Must hold: the reporter gets an apology in their language and
/// loses nothing they had answered, /healthz says the storage is failing while it is, and once space is back the
/// app works again without a restart: the report continues at the question it was at and is filed once.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_rolls_the_turn_back_keeps_the_report_and_heals_without_a_restart()
    {
        var disk = new FailingDisk();
        await using var app = OnDisk(disk);
        var health = app.CreateClient();
        var zhang = await AtTheTimeQuestionAsync(app);

        disk.Full = true;
        await zhang.SayAsync("刚才");
        Assert.Contains("没能保存", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("我的工单");
        Assert.Contains("没能保存", zhang.Last, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        disk.Full = false;
        app.Time.Advance(TimeSpan.FromSeconds(2)); // the queue reopens the file at most once a second
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        await zhang.SayAsync("刚才");
        Assert.Contains("无法工作", zhang.Last, StringComparison.Ordinal);
        await zhang.FinishPrinterReportAndSubmitAsync();
        Assert.StartsWith("工单 TS-20261123-001 已提交", zhang.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_left_broken_by_a_failed_rollback_is_reopened_at_once_and_the_report_goes_on()
    {
        var disk = new FailingDisk();
        await using var app = OnDisk(disk);
        var health = app.CreateClient();
        var zhang = await AtTheTimeQuestionAsync(app);

        // This turn's commit fails and its rollback breaks the engine: the reporter hears the turn failed.
        disk.BreakNextCommit = true;
        await zhang.SayAsync("刚才");
        Assert.DoesNotContain("无法工作", zhang.Last, StringComparison.Ordinal);

        // No clock moves and no other commit comes: the very next answer is read by a reopened engine, where the
        // report still stands at the question it was at, and it is filed once.
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        await zhang.SayAsync("刚才");
        Assert.Contains("无法工作", zhang.Last, StringComparison.Ordinal);
        await zhang.FinishPrinterReportAndSubmitAsync();
        Assert.StartsWith("工单 TS-20261123-001 已提交", zhang.Last, StringComparison.Ordinal);
    }

    private static SupportBotApplication OnDisk(FailingDisk disk) => new(services: services =>
        services.Replace(ServiceDescriptor.Singleton<ILiteDatabase>(provider => new ReopenableLiteDatabase(() => disk.Open(DatabasePathOf(provider)), SupportBotBsonMapper.Create()))));

    /// <summary>A reporter two answers into a printer report, asked when it first happened.</summary>
    private static async Task<ScriptedReporter> AtTheTimeQuestionAsync(SupportBotApplication app)
    {
        var zhang = ScriptedReporter.Employee(app);
        await zhang.SayAsync("打印机卡纸了");
        await zhang.SayAsync("没有");
        Assert.Contains("第一次出现", zhang.Last, StringComparison.Ordinal);
        return zhang;
    }

    private static string DatabasePathOf(IServiceProvider provider) =>
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DatabasePath;
}
