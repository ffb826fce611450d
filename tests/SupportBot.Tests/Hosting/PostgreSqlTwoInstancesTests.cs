using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Storage;
using SupportBot.Storage.Postgres;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Two whole SupportBot apps on one PostgreSQL database, a reporter's turns reaching either (as a load balancer sends
/// them). Must hold: reports whose turns alternate between the instances are filed once each with unique, gap-free
/// numbers; a message that reached one instance while the other committed a turn of the same conversation is answered
/// on the state committed now, not with an apology; a channel's redelivery to the other instance is not run again.
/// </summary>
public sealed class PostgreSqlTwoInstancesTests : IAsyncLifetime
{
    private static readonly string[] PrinterReport = ["打印机卡纸了", "没有", "刚才", "否", "只有我", "A10023", "财务部", "8021"];

    private readonly string _connectionString = PgTestCluster.Instance.CreateDatabase();
    private SupportBotApplication _a = null!;
    private SupportBotApplication _b = null!;

    public Task InitializeAsync()
    {
        _a = App();
        _b = App();

        // Both started (and the schema migrated) before any turn, as two instances behind a balancer are.
        _ = _a.Services;
        _ = _b.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Reports_whose_turns_alternate_between_two_instances_are_filed_once_each_with_unique_gap_free_numbers()
    {
        var filed = await Task.WhenAll(Enumerable.Range(1, 4).Select(reporter => Task.Run(() => FileAlternatingAsync($"aad-reporter-{reporter}"))));

        Assert.Equal(Enumerable.Range(1, 4).Select(serial => $"TS-20261123-{serial:D3}"), filed.Order(StringComparer.Ordinal));
        foreach (var (number, reporter) in filed.Select((number, i) => (number, $"aad-reporter-{i + 1}")))
        {
            var ticket = await _b.TicketAsync(number);
            Assert.Contains(reporter, ticket.Reporter.Id, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_message_that_reached_one_instance_while_the_other_committed_a_turn_of_its_conversation_is_answered_on_the_new_state()
    {
        var (onA, onB) = Reporter("aad-zhang-wei");
        await onA.SayAsync("打印机卡纸了");

        // "没有" goes to B and commits while A is running the turn of the next message, "刚才", on the state it read before.
        Hook(_a).BeforeNextTurnCommit = () => onB.SayAsync("没有");
        await onA.SayAsync("刚才");

        // A's first run conflicted at its commit and ran again on what B committed: "刚才" answered the question B's turn
        // asked, and the report is at the category question, with no apology on either instance.
        Assert.Null(Hook(_a).BeforeNextTurnCommit);
        Assert.Contains("无法工作", onA.Last, StringComparison.Ordinal);
        Assert.DoesNotContain(onA.Texts.Concat(onB.Texts), text => text.Contains("没能保存", StringComparison.Ordinal));

        foreach (var (answer, i) in PrinterReport[3..].Select((answer, i) => (answer, i)))
        {
            await (i % 2 == 0 ? onB : onA).SayAsync(answer);
        }

        // The last answer went to B, which showed the summary card: its Submit is pressed on A.
        await onA.ClickAsync(onB.CardAction("submit"));
        Assert.StartsWith("工单 TS-20261123-001 已提交", onA.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channels_redelivery_to_the_other_instance_is_not_run_again()
    {
        var (onA, onB) = Reporter("aad-zhang-wei");
        static Activity First(Activity activity) => activity with { Id = "teams-activity-1", Text = "打印机卡纸了" };

        await onA.SendAsync(First);
        Assert.NotEmpty(onA.Replies);
        await onB.SendAsync(First);

        Assert.Empty(onB.Replies);
        await onB.SayAsync("没有");
        await onA.SayAsync("刚才");
        Assert.Contains("无法工作", onA.Last, StringComparison.Ordinal);
    }

    /// <summary>One reporter's full printer report, each turn at the other instance than the one before.</summary>
    private async Task<string> FileAlternatingAsync(string aadId)
    {
        var (onA, onB) = Reporter(aadId);
        for (var turn = 0; turn < PrinterReport.Length; turn++)
        {
            await (turn % 2 == 0 ? onA : onB).SayAsync(PrinterReport[turn]);
        }

        // The last answer went to B, which showed the summary card: its Submit is pressed on A.
        await onA.ClickAsync(onB.CardAction("submit"));
        Assert.StartsWith("工单 TS-", onA.Last, StringComparison.Ordinal);
        return onA.Last[3..18];
    }

    /// <summary>The same Teams reporter and conversation as seen through instance A and through instance B.</summary>
    private (ScriptedReporter OnA, ScriptedReporter OnB) Reporter(string aadId) =>
        (new(_a, aadId, "张伟", Channels.MsTeams, "zh-CN", conversationId: $"conv-{aadId}"),
         new(_b, aadId, "张伟", Channels.MsTeams, "zh-CN", conversationId: $"conv-{aadId}"));

    private static CommitHook Hook(SupportBotApplication app) => (CommitHook)app.Services.GetRequiredService<ICommitQueue>();

    private SupportBotApplication App() => new(
        new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupportBot"] = _connectionString,
        },
        services => services.AddSingleton<ICommitQueue>(provider => new CommitHook(provider.GetRequiredService<PgStorageEngine>().Commits)));

    /// <summary>The engine's commit queue, with a way to run something just before the next turn's commit (once).</summary>
    private sealed class CommitHook(ICommitQueue inner) : ICommitQueue
    {
        private Func<Task>? _before;

        public Func<Task>? BeforeNextTurnCommit
        {
            get => Volatile.Read(ref _before);
            set => Volatile.Write(ref _before, value);
        }

        public string? Fault => inner.Fault;

        public async Task CommitAsync(TurnWork work)
        {
            if (work.Writes.Count > 0 && Interlocked.Exchange(ref _before, null) is { } before)
            {
                await before();
            }

            await inner.CommitAsync(work);
        }

        public Task FlushAsync() => inner.FlushAsync();

        public Task ProbeAsync() => inner.ProbeAsync();
    }
}
