using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportBot.Common;
using SupportBot.Storage.Moving;
using SupportBot.Tests.Engineering;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Storage.Moving;

/// <summary>
/// A desk that started on LiteDB moves to PostgreSQL with <c>storage move-to-postgresql</c>, run as its own process the
/// way an operator runs it. Must hold: the people who used the desk notice nothing but the pause. Their tickets keep
/// numbers and states, numbering goes on without a gap, an engineer's card still acts, a half-filled report continues,
/// a message owed is sent once, the knowledge base still answers; and a move that cannot be done changes nothing.
/// </summary>
public sealed class MoveToPostgreSqlTests : IAsyncLifetime
{
    private const string Oa = "TS-20261123-001";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"supportbot-move-{Guid.NewGuid():N}.db");
    private readonly string _target = PgTestCluster.Instance.CreateDatabase();
    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        foreach (var path in new[] { _file, Path.ChangeExtension(_file, null) + "-log.db" })
        {
            File.Delete(path);
        }

        if (Directory.Exists(_file + ".kb-index"))
        {
            Directory.Delete(_file + ".kb-index", recursive: true);
        }
    }

    [Fact]
    public async Task A_desk_moved_to_PostgreSQL_carries_on_where_it_stopped()
    {
        string web;
        string halfAsked;
        int callsBeforeMove;
        await using (var liteApp = App(new Dictionary<string, string?> { ["Storage:DatabasePath"] = _file, ["Bot:ConnectorRetries"] = "0" }))
        {
            var lite = Wrap(_channel, liteApp);
            await lite.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
            var zheng = lite.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
            await zheng.InstallAsync();
            await TicketLifeTests.FileOaTicketAsync(lite.Personal("aad-zhang-wei", "张伟", "zh-CN"));
            await lite.DrainAsync();
            var zhengInChannel = lite.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
            await zhengInChannel.ExecuteAsync(zhengInChannel.LatestCardWith("take"), "take");
            await lite.DrainAsync();

            web = await FileWebTicketAsync(ScriptedReporter.Customer(lite.App));
            Assert.Equal("TS-20261123-002", web);
            await KnowledgeFixtures.ImportAsync(lite.App.CreateAdminClient(), KnowledgeFixtures.Lines);

            var li = ScriptedReporter.Employee(lite.App, aadId: "aad-li-lei", name: "李雷");
            await li.SayAsync("打印机卡纸了");
            await li.SayAsync("没有");
            halfAsked = li.Last;

            // The acknowledgement's first send fails: its row is owed, waiting for a later try, when the desk stops.
            _channel.NextStatuses.Enqueue(503);
            await zheng.ExecuteAsync(zheng.LatestCardWith("ack"), "ack");
            await lite.DrainAsync();
            callsBeforeMove = _channel.Calls.Count;
        }

        var (exit, output) = await MoveAsync();
        Assert.True(exit == 0, output);
        Assert.Matches(@"tickets\s+2\b", output);
        Assert.Matches(@"knowledge articles\s+5\b", output);
        Assert.Matches(@"outbox rows\s+\d", output);

        await using var pgApp = App(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:SupportBot"] = _target });
        var pg = Wrap(_channel, pgApp);

        // The owed message goes out once, from the new engine.
        pg.App.Time.Advance(TimeSpan.FromMinutes(10));
        await pg.DrainAsync();
        var acknowledged = $"郑丽 Zheng Li 已收到您的工单 {Oa},正在处理。";
        Assert.Single(_channel.Calls.Skip(callsBeforeMove), call => call.Text == acknowledged);
        Assert.Equal(ZhengLi, (await pg.App.TicketAsync(Oa)).Assignee);

        // Reporters find their tickets with the same numbers and states.
        var zhang = pg.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await zhang.SayAsync("我的工单");
        Assert.Contains(Oa, zhang.Texts[^1], StringComparison.Ordinal);
        var customer = ScriptedReporter.Customer(pg.App);
        await customer.SayAsync("my tickets");
        Assert.Contains($"{web} · ", customer.Last, StringComparison.Ordinal);
        Assert.Contains("submitted", customer.Last, StringComparison.Ordinal);

        // The engineer's card, posted by the LiteDB desk, still acts; every copy is refreshed.
        var zhengAgain = pg.Personal(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await zhengAgain.ExecuteAsync(zhengAgain.LastCard(), "ask", ("question", "是所有审批单都无法提交,还是只有某一类?"));
        await pg.DrainAsync();
        Assert.Equal(TicketStatus.WaitingForReporter, (await pg.App.TicketAsync(Oa)).Status);

        // The half-filled report goes on from its next question, and files under the next number of the day.
        var li2 = ScriptedReporter.Employee(pg.App, aadId: "aad-li-lei", name: "李雷");
        await li2.SayAsync("刚才");
        Assert.NotEqual(halfAsked, li2.Last);
        await li2.FinishPrinterReportAndSubmitAsync();
        Assert.Contains("TS-20261123-003", string.Join('\n', li2.Texts), StringComparison.Ordinal);

        // The knowledge base answers from the moved articles, and a new article takes the next id.
        var admin = pg.App.CreateAdminClient();
        Assert.Contains("OA 打印报错 E1024", KnowledgeFixtures.Titles(await KnowledgeFixtures.SearchAsync(admin, "OA 打印 E1024", "zh-CN")));
        var added = await KnowledgeFixtures.ImportAsync(admin, [KnowledgeFixtures.Lines[3].Replace("slowly", "very slowly", StringComparison.Ordinal)]);
        Assert.Equal("KB-000006", added.GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task A_target_that_already_holds_tickets_is_refused_and_left_as_it_was()
    {
        await FileOneTicketOnLiteDbAsync();
        await using (var other = new SupportBotApplication(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["ConnectionStrings:SupportBot"] = _target }))
        {
            await FileWebTicketAsync(ScriptedReporter.Customer(other, userId: "dl-other-desk"));
        }

        var (exit, output) = await MoveAsync();

        Assert.NotEqual(0, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("already holds tickets (1)", line, StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync("tickets"));
    }

    [Fact]
    public async Task A_copy_that_fails_half_way_leaves_the_target_empty_and_can_be_run_again()
    {
        await FileOneTicketOnLiteDbAsync();

        // An article row of another origin with the id the moved one needs: the copy fails at the articles, after the tickets.
        await using (var source = NpgsqlDataSource.Create(_target))
        {
            await SupportBot.Storage.Postgres.PgSchema.MigrateAsync(source);
            await using var squat = source.CreateCommand("INSERT INTO articles (id, version, sequence, article) VALUES ('KB-000001', 1, 1, '{}')");
            await squat.ExecuteNonQueryAsync();
        }

        var (exit, output) = await MoveAsync();
        Assert.NotEqual(0, exit);
        Assert.Contains("knowledge articles", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        foreach (var table in new[] { "tickets", "ticket_serials", "ticket_days", "bot_state", "card_posts", "outbox" })
        {
            Assert.True(await CountAsync(table) == 0, $"{table} holds rows after a failed move");
        }

        await using (var source = NpgsqlDataSource.Create(_target))
        await using (var clear = source.CreateCommand("DELETE FROM articles"))
        {
            await clear.ExecuteNonQueryAsync();
        }

        (exit, output) = await MoveAsync();
        Assert.True(exit == 0, output);
        Assert.Equal(1L, await CountAsync("tickets"));
    }

    [Fact]
    public async Task A_desk_still_running_a_damaged_file_or_a_database_out_of_reach_is_refused_in_one_line()
    {
        await using (var running = new SupportBotApplication(new Dictionary<string, string?> { ["Storage:DatabasePath"] = _file }))
        {
            _ = running.Server;
            var (exit, output) = await MoveAsync();
            Assert.NotEqual(0, exit);
            Assert.Contains(_file, Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        }

        await File.WriteAllBytesAsync(_file + ".damaged", System.Text.Encoding.UTF8.GetBytes(new string('x', 16_384)));
        var (damagedExit, damaged) = await ChildSupportBot.RunToExitAsync(_file + ".damaged", "storage", "move-to-postgresql", $"--ConnectionStrings:SupportBot={_target}");
        File.Delete(_file + ".damaged");
        File.Delete(_file + "-log.db");
        Assert.NotEqual(0, damagedExit);
        Assert.Contains(_file + ".damaged", Assert.Single(damaged.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        var unreachable = new NpgsqlConnectionStringBuilder(_target) { Port = 1, Timeout = 2 }.ConnectionString;
        var (refused, said) = await MoveAsync(unreachable);
        Assert.NotEqual(0, refused);
        var one = Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot use PostgreSQL database", one, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", one, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_kind_of_outbox_message_the_app_writes_can_be_moved()
    {
        await using var app = App([]);
        var kinds = app.Services.GetServices<IOutboxHandler>().Select(handler => handler.Kind);
        Assert.Empty(kinds.Except(LiteDbDesk.OutboxKinds));
    }

    /// <summary>The app with the application team working from its triage queue; people reach it through the one fake channel.</summary>
    private static SupportBotApplication App(Dictionary<string, string?> settings)
    {
        settings["Roster:Teams:3:Assignment"] = "Queue";
        var app = new SupportBotApplication(settings);
        _ = app.Server;
        return app;
    }

    private async Task FileOneTicketOnLiteDbAsync()
    {
        await using var lite = App(new Dictionary<string, string?> { ["Storage:DatabasePath"] = _file });
        await KnowledgeFixtures.ImportAsync(lite.CreateAdminClient(), KnowledgeFixtures.Lines[..1]);
        await FileWebTicketAsync(ScriptedReporter.Customer(lite));
    }

    private Task<(int ExitCode, string Output)> MoveAsync(string? connectionString = null) =>
        ChildSupportBot.RunToExitAsync(_file, "storage", "move-to-postgresql", $"--ConnectionStrings:SupportBot={connectionString ?? _target}");

    private async Task<long> CountAsync(string table)
    {
        await using var source = NpgsqlDataSource.Create(_target);
        await using var count = source.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A web customer's printer report, Submit pressed; the number the bot gave.</summary>
    private static async Task<string> FileWebTicketAsync(ScriptedReporter customer)
    {
        foreach (var answer in new[] { "printer jammed on floor 3", "none", "just now", "yes", "only me", "yes", "Li Na, Contoso", "C-20931", "+86 21 5555 0100" })
        {
            await customer.SayAsync(answer);
        }

        await customer.ClickAsync(customer.CardAction("submit"));
        var filed = customer.Texts.Last(text => text.Contains("TS-", StringComparison.Ordinal));
        return filed[filed.IndexOf("TS-", StringComparison.Ordinal)..][..15];
    }
}
