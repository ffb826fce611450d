using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// Clients hang up on turns in flight (a driver's time limit, a channel giving up) while those turns wait for their
/// group commit. Must hold: the database is not left broken — /healthz stays healthy, every reporter's next answer is
/// handled (no storage apology), and a new report is filed.
/// </summary>
public sealed class HangUpTests
{
    [Fact]
    public async Task Twenty_reporters_hanging_up_while_their_turns_wait_for_the_commit_leave_the_database_working()
    {
        await using var app = new SupportBotApplication();
        var health = app.CreateClient();
        var reporters = new List<ScriptedReporter>();
        for (var i = 0; i < 20; i++)
        {
            var reporter = ScriptedReporter.Employee(app, aadId: $"aad-hangup-{i}", name: $"报告人{i}");
            await reporter.SayAsync("打印机卡纸了");
            await reporter.SayAsync("没有");
            Assert.Contains("第一次出现", reporter.Last, StringComparison.Ordinal);
            reporters.Add(reporter);
        }

        // The writer is held inside a group transaction, so the twenty turns queue behind it, then all hang up.
        var commits = app.Services.GetRequiredService<LiteDbCommitQueue>();
        var writerHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = commits.EnqueueAsync(() =>
        {
            writerHeld.SetResult();
            return release.Task.Wait(TimeSpan.FromMinutes(1)); // bounded: a hung test fails rather than hangs
        });
        await writerHeld.Task;
        using var hangUp = new CancellationTokenSource();
        var turns = reporters.Select(reporter => Task.Run(() => reporter.SayAndHangUpAsync("刚才", hangUp.Token))).ToList();
        // No event says a turn has queued its writes: look until all twenty have (bounded, a few milliseconds a look).
        for (var look = 0; commits.Waiting < reporters.Count && look < 3_000; look++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(reporters.Count, commits.Waiting);
        await hangUp.CancelAsync();

        // The test server's client returns only once the app has answered, so the writer is let go before the turns
        // are awaited; the requests were aborted while their writes waited in the queue.
        release.SetResult();
        Assert.True(await holding);
        await Task.WhenAll(turns);
        await commits.FlushAsync();

        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        foreach (var reporter in reporters)
        {
            // Whether the hung-up turn landed or not, the next answer is handled: asked again when it happened, or
            // already at the category question.
            await reporter.SayAsync("刚才");
            Assert.DoesNotContain("没能保存", reporter.Last, StringComparison.Ordinal);
            Assert.NotEqual("", reporter.Last);
        }

        var zhang = ScriptedReporter.Employee(app);
        await zhang.SayAsync("打印机卡纸了");
        await zhang.SayAsync("没有");
        await zhang.SayAsync("刚才");
        await zhang.FinishPrinterReportAndSubmitAsync();
        Assert.Contains("已提交", zhang.Last, StringComparison.Ordinal);
    }
}
