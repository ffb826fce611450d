using System.Globalization;
using System.Net;
using System.Text.Json;
using SupportBot.IntakeLoadTest;

namespace SupportBot.Tests.Cluster;

/// <summary>
/// Two SupportBot processes on one PostgreSQL database behind nginx (<see cref="ClusterKit"/>). Must hold: both start
/// together on an empty database and answer; a web customer and a Teams employee whose turns nginx alternates between
/// the instances go through the intake as on one (each question once) and the customer's ticket is filed. What needs
/// numbering, replies and reminders to cross instances is in <see cref="ClusterCrossInstanceTests"/>.
/// </summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task Two_instances_started_together_on_one_database_both_answer_through_nginx()
    {
        await using var cluster = await ClusterKit.StartAsync();

        // Round-robin: two requests, one per instance; both ran their migrations against the same empty database.
        foreach (var _ in cluster.Instances)
        {
            using var health = await cluster.Front.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        }

        Assert.Equal(cluster.Instances.Select(instance => $"127.0.0.1:{instance.Address.Port}").Order(), cluster.AnsweredBy.Keys.Order());
    }

    [Fact]
    public async Task A_customer_and_an_employee_whose_turns_nginx_alternates_between_the_instances_are_asked_each_question_once()
    {
        await using var cluster = await ClusterKit.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..6];

        // Every turn reads the conversation state the other instance wrote: a lost answer would repeat a question.
        var (customer, number) = await cluster.ExplainingAsync(FileAsync((text, id, click) => cluster.SendAsync($"web-{run}", id, text, click), $"web-{run}"));
        var person = $"aad-{run}";
        await cluster.ExplainingAsync(FileAsync((text, id, click) => cluster.SendAsTeamsAsync(person, id, text, click), person, [.. TeamsTurns.SkipLast(1)]));

        var ticket = Assert.Single(await cluster.TicketsAsync());
        Assert.Equal(number, Number(ticket));
        Assert.Equal($"webchat:{customer}", ReporterId(ticket));
        Assert.Equal(2, cluster.AnsweredBy.Count);
    }

    /// <summary>A web visitor's browser through the proxy: a token from the page's endpoint, then the conversation.</summary>
    internal static async Task<WebChatVisitor> VisitorAsync(ClusterKit cluster, string name)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var token = WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", new { user = new { name } });
        var issued = await cluster.Front.SendAsync(token);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return await WebChatVisitor.StartWithAsync(cluster.Front, issued, "en-US");
    }

    /// <summary>
    /// A Teams employee's intake: the web script's questions, but SupportBot knows who they are from Teams and asks
    /// once for their employee ID, extension and department instead of name, company, customer number and phone.
    /// </summary>
    internal static IReadOnlyList<(string? Text, string Expect)> TeamsTurns { get; } =
        [.. IntakeScript.Turns.Take(6), ("A10023, 8021", "Thanks. Now your department"), ("Finance", "card"), (null, "Ticket ")];

    /// <summary>One customer's whole intake script (Submit last); their reporter id and the number they were told.</summary>
    internal static async Task<(string Reporter, string Number)> FileAsync(Func<string?, string, JsonElement?, Task<IReadOnlyList<BotFramework.Schema.Activity>>> send, string customer, IReadOnlyList<(string? Text, string Expect)>? script = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        script ??= IntakeScript.Turns;
        JsonElement? click = null;
        IReadOnlyList<BotFramework.Schema.Activity> replies = [];
        for (var turn = 0; turn < script.Count; turn++)
        {
            var (text, expect) = script[turn];
            replies = await send(text, $"{customer}-{turn}", click);
            Assert.True(IntakeScript.Matches(replies, expect), $"{customer} turn {turn}: expected '{expect}', got '{(replies.Count > 0 ? replies[^1].Text : "")}'");
            click = IntakeScript.SubmitData(replies) ?? click;
        }

        var said = replies[^1].Text ?? "";
        return (customer, said.Contains("TS-", StringComparison.Ordinal) ? said[said.IndexOf("TS-", StringComparison.Ordinal)..][..15] : "");
    }

    /// <summary>Per day (the number's date), the serials are 1, 2, 3… with none missing and none repeated.</summary>
    internal static void AssertGapFree(IEnumerable<string> numbers)
    {
        foreach (var day in numbers.GroupBy(number => number[..^3], StringComparer.Ordinal))
        {
            var serials = day.Select(number => int.Parse(number[^3..], CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, serials.Count), serials);
        }
    }

    internal static string Number(JsonElement ticket) => ticket.GetProperty("number").GetString()!;

    internal static string ReporterId(JsonElement ticket) => ticket.GetProperty("reporter").GetProperty("id").GetString()!;
}
