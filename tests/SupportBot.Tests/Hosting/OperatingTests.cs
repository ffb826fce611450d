using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// SupportBot as its own process, the way an IT team runs it. Must hold: with the JSON console formatter each log
/// line is one JSON object, the start-up refusal included; no secret from the configuration is ever written; and a
/// SIGTERM while a turn waits on its channel lets that turn answer, then the process exits 0 on its own.
/// </summary>
public sealed class OperatingTests : IDisposable
{
    private static readonly string[] Secrets =
    [
        "--Bot:AppPassword=app-pw-3c1e9d",
        "--Admin:ApiKey=admin-key-5b7f20",
        "--DirectLine:Secret=dl-secret-8a4c66",
        // PostgreSQL refuses to start without a shared signing key (a cluster's tokens must verify on every instance).
        "--DirectLine:SigningKey=b3BlcmF0aW5nLXRlc3RzLXNpZ25pbmcta2V5LTAxMjM0NTY3",
        "--ConnectionStrings:SupportBot=Host=127.0.0.1;Port=1;Database=bot;Username=bot;Password=pg-pw-e02d71",
    ];

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task With_the_JSON_formatter_a_refused_start_is_one_JSON_line_and_no_secret_is_written()
    {
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(
            _database.Path, [.. Secrets, "--Logging:Console:FormatterName=json", "--Storage:Provider=Postgres"]);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot start", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("Critical", entry.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains("configuration is invalid", entry.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Storage:Provider", entry.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);

        // Each argument is in the line's State too: the failures as text, not a list's type name.
        Assert.Contains("Storage:Provider", entry.RootElement.GetProperty("State").GetProperty("Failures").GetString(), StringComparison.Ordinal);
        AssertNoSecret(output);
    }

    [Fact]
    public async Task An_unreachable_PostgreSql_server_is_one_JSON_line_without_the_password()
    {
        var (exitCode, output) = await ChildSupportBot.RunToExitAsync(
            _database.Path, [.. Secrets, "--Logging:Console:FormatterName=json", "--Storage:Provider=PostgreSql"]);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("cannot use PostgreSQL", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("Critical", entry.RootElement.GetProperty("LogLevel").GetString());
        AssertNoSecret(output);
    }

    [Fact]
    public async Task SIGTERM_during_a_slow_turn_answers_that_turn_and_exits_0()
    {
        using var connector = new HttpListener();
        var serviceUrl = $"http://127.0.0.1:{FreePort()}/";
        connector.Prefixes.Add(serviceUrl);
        connector.Start();
        await using var bot = await ChildSupportBot.StartAsync(
            _database.Path, [.. Secrets, "--Logging:Console:FormatterName=json", "--Bot:TrustedServiceHosts:0=127.0.0.1"]);

        // A web customer's first message, answered through the channel's connector (not in the response), which holds
        // the reply: the turn is in flight when the stop comes.
        var hello = SupportBot.IntakeLoadTest.IntakeScript.Turn($"term-{Guid.NewGuid():N}", "a1", "hello", null) with
        {
            DeliveryMode = DeliveryModes.Normal,
            ServiceUrl = serviceUrl,
        };
        var turn = bot.PostAsync(hello);
        var held = await connector.GetContextAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var reply = await new StreamReader(held.Request.InputStream, Encoding.UTF8).ReadToEndAsync();

        bot.Terminate();
        await bot.WaitForOutputAsync("Application is shutting down");
        Answer(held);
        var rest = AnswerEveryReplyAsync(connector);

        using (var response = await turn)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, await bot.ExitCodeAsync());
        connector.Stop();
        await rest;
        Assert.Contains("\"type\":\"message\"", reply, StringComparison.Ordinal);
        AssertNoSecret(string.Join('\n', bot.Output));
    }

    private static void AssertNoSecret(string output)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret[(secret.LastIndexOf('=') + 1)..], output, StringComparison.Ordinal);
        }
    }

    /// <summary>Answers the bot's further sends of that turn, until the listener is stopped.</summary>
    private static async Task AnswerEveryReplyAsync(HttpListener connector)
    {
        while (connector.IsListening)
        {
            try
            {
                Answer(await connector.GetContextAsync());
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    private static void Answer(HttpListenerContext context)
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"sent-1\"}");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
