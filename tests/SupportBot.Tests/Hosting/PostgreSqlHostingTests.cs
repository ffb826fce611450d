using System.Net;
using System.Text.Json;
using SupportBot.Tests.WebChat;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// The whole app on <c>Storage:Provider = PostgreSql</c>, over real HTTP. Must hold: a web customer's ticket and its
/// number outlive a restart on the same database, the next ticket gets the next number, and /healthz is Healthy.
/// </summary>
public sealed class PostgreSqlHostingTests
{
    private readonly string _connectionString = PgTestCluster.Instance.CreateDatabase();

    [Fact]
    public async Task A_web_customers_ticket_and_its_number_survive_a_restart_on_the_same_database()
    {
        string number;
        await using (var first = App())
        {
            number = await TicketChannelTests.FileTicketAsync(await WebChatVisitor.StartAsync(first, "Ann Lee"), "en-US");
            Assert.Equal("Healthy", await HealthAsync(first));
        }

        await using var again = App();
        Assert.Equal("Healthy", await HealthAsync(again));
        using var found = await again.CreateAdminClient().GetAsync(new Uri($"/api/tickets/{number}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var ticket = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal(number, ticket.RootElement.GetProperty("ticket").GetProperty("number").GetString());
        Assert.Contains("printer", ticket.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Numbering goes on from the database, not from a counter the first process held.
        var next = await TicketChannelTests.FileTicketAsync(await WebChatVisitor.StartAsync(again, "Bo Chen"), "en-US");
        Assert.NotEqual(number, next);
    }

    private SupportBotApplication App() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:SupportBot"] = _connectionString,
    });

    private static async Task<string> HealthAsync(SupportBotApplication app)
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }
}
