namespace SupportBot.Tests.Hosting;

/// <summary>
/// SupportBot on PostgreSQL as its own process, stopped while the database cannot be reached. Must hold: SIGTERM ends
/// the process, and the log says in one line what was left unfinished and why.
/// </summary>
public sealed class OperatingWithoutDatabaseTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task SIGTERM_while_PostgreSql_is_unreachable_ends_the_process_and_one_line_says_what_was_left()
    {
        await using var relay = new PgRelay(PgTestCluster.Instance.CreateDatabase());
        await using var bot = await ChildSupportBot.StartAsync(
            _file.Path,
            "--Storage:Provider=PostgreSql",
            $"--ConnectionStrings:SupportBot={relay.ConnectionString}",
            "--DirectLine:SigningKey=b3BlcmF0aW5nLXRlc3RzLXNpZ25pbmcta2V5LTAxMjM0NTY3",
            "--Reminders:ClusterCheckInInterval=00:00:01");

        // The clustered scheduler is running (it checks in every second) when the database goes away: Quartz names the
        // scheduler with its instance id ("supportbot-reminders_$_…") first in the line that says it started.
        await bot.WaitForOutputAsync("supportbot-reminders_$_");
        relay.Blackhole();
        bot.Terminate();

        // Shutdown:Timeout is 10 s. The wait is bounded at a minute (ExitCodeAsync): a stop that hangs on the database
        // never ends, so anything short of that is the shutdown working, even on a busy 2-core machine.
        var exitCode = await ExitCodeAsync(bot);
        Assert.True(exitCode == 0, bot.RecentOutput());
        // Which part says so first depends on where the stop was held (Quartz's store, or a database call elsewhere).
        Assert.True(bot.Output.Any(line => line.Contains("Shutdown did not finish within the shutdown timeout", StringComparison.Ordinal)), bot.RecentOutput(80));
    }

    /// <summary>The exit code, or a failure that carries what the process wrote last (where its stop hung).</summary>
    private static async Task<int> ExitCodeAsync(ChildSupportBot bot)
    {
        try
        {
            return await bot.ExitCodeAsync();
        }
        catch (TimeoutException)
        {
            Assert.Fail($"SupportBot did not exit within a minute of SIGTERM:\n{bot.RecentOutput(80)}");
            throw;
        }
    }
}
