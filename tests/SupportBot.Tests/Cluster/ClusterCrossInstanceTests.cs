using System.Diagnostics;
using System.Text.Json;
using SupportBot.IntakeLoadTest;
using SupportBot.Tests.Storage.Faults;
using SupportBot.Tests.WebChat;

namespace SupportBot.Tests.Cluster;

/// <summary>
/// What two instances behind nginx owe each other when their work crosses or one of them dies (<see cref="ClusterKit"/>).
/// Must hold: customers of every channel filing one after another or at once on both instances each get one ticket,
/// numbered without gaps (a number the other instance took makes the turn run again); a Direct Line conversation goes on whichever instance
/// nginx gives its posts to, and a WebSocket held by one instance receives the replies the other produced; after a
/// kill -9 mid-load no acknowledged ticket is lost, none is filed twice (Submit delivered or pressed again),
/// conversations go on on the survivor, and every reminder that falls due during the test fires exactly once, the
/// dead instance's too.
/// </summary>
/// <remarks>
/// Kept apart from <see cref="ClusterTests"/> because it needs the cluster work merged beside it: Direct Line
/// transcripts and replies crossing instances (LISTEN/NOTIFY), a turn run again after a storage conflict, Quartz
/// clustered on the database, outbox leases.
/// </remarks>
public sealed class ClusterCrossInstanceTests
{
    private const int Customers = 10;

    /// <summary>
    /// Deadlines short enough to fall due during the test, on the clock (round the clock, whatever the hour), each
    /// nudge sent at once: the first response is due 40 s after filing, its nudge at 30 s.
    /// </summary>
    private static readonly string[] DueDuringTheTest =
    [
        .. ((string[])["urgent", "high", "medium", "low"]).SelectMany(priority => (string[])
        [
            $"--Sla:Deadlines:{priority}:firstResponse=00:00:40",
            $"--Sla:PriorityCalendars:{priority}=round-the-clock",
        ]),
        "--Reminders:CombineNudgesWithin=0",
    ];

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Customers_one_after_another_through_nginx_file_one_ticket_each_with_gap_free_numbers_while_their_turns_alternate_instances()
    {
        await using var cluster = await ClusterKit.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..6];
        var filed = new List<(string Reporter, string Number)>();

        // One at a time: every turn reads the conversation state the other instance may have written, and the numbers
        // come from the database, not from either process.
        for (var i = 0; i < 2; i++)
        {
            var customer = $"web-{run}-{i}";
            var person = $"aad-{run}-{i}";
            filed.Add(await cluster.ExplainingAsync(ClusterTests.FileAsync((text, id, click) => cluster.SendAsync(customer, id, text, click), customer)));
            filed.Add(await cluster.ExplainingAsync(ClusterTests.FileAsync((text, id, click) => cluster.SendAsTeamsAsync(person, id, text, click), person, ClusterTests.TeamsTurns)));
        }

        var tickets = await cluster.TicketsAsync();
        Assert.Equal(filed.Select(f => f.Number).Order(), tickets.Select(ClusterTests.Number).Order());
        Assert.Equal(filed.Select(f => f.Reporter.StartsWith("web-", StringComparison.Ordinal) ? $"webchat:{f.Reporter}" : f.Reporter).Order(), tickets.Select(ClusterTests.ReporterId).Order());
        ClusterTests.AssertGapFree(tickets.Select(ClusterTests.Number));
        Assert.Equal(2, cluster.AnsweredBy.Count);
    }

    [Fact]
    public async Task Concurrent_intakes_from_the_web_Teams_and_Direct_Line_balanced_over_two_instances_file_one_ticket_each_with_gap_free_numbers()
    {
        await using var cluster = await ClusterKit.StartAsync();
        var run = Guid.NewGuid().ToString("N")[..6];
        var web = Enumerable.Range(0, 6).Select(i => $"web-{run}-{i}").ToList();
        var teams = Enumerable.Range(0, 4).Select(i => $"aad-{run}-{i}").ToList();

        var filing = web.Select(customer => ClusterTests.FileAsync((text, id, click) => cluster.SendAsync(customer, id, text, click), customer))
            .Concat(teams.Select(person => ClusterTests.FileAsync((text, id, click) => cluster.SendAsTeamsAsync(person, id, text, click), person, ClusterTests.TeamsTurns)))
            .Concat(Enumerable.Range(0, 3).Select(async i =>
            {
                var visitor = await ClusterTests.VisitorAsync(cluster, $"Visitor {run} {i}");
                return (Reporter: $"directline-visitor-{i}", Number: await TicketChannelTests.FileTicketAsync(visitor, "en-US"));
            }));
        var filed = await cluster.ExplainingAsync(Task.WhenAll(filing).WaitAsync(TimeSpan.FromMinutes(4)));

        var tickets = await cluster.TicketsAsync();
        Assert.Equal(filed.Length, tickets.Count);
        Assert.Equal(filed.Select(f => f.Number).Order(), tickets.Select(ClusterTests.Number).Order());
        foreach (var customer in web)
        {
            Assert.Single(tickets, ticket => ClusterTests.ReporterId(ticket) == $"webchat:{customer}");
        }

        foreach (var person in teams)
        {
            Assert.Single(tickets, ticket => ClusterTests.ReporterId(ticket) == person);
        }

        ClusterTests.AssertGapFree(tickets.Select(ClusterTests.Number));

        // Both instances did the work: nginx balanced the turns over them.
        Assert.Equal(2, cluster.AnsweredBy.Count);
    }

    [Fact]
    public async Task A_Direct_Line_conversation_started_on_one_instance_goes_on_when_nginx_sends_its_posts_to_the_other()
    {
        await using var cluster = await ClusterKit.StartAsync();
        var visitor = await ClusterTests.VisitorAsync(cluster, "Ann Lee");
        var answeredBy = new HashSet<string>(StringComparer.Ordinal);

        // Round-robin: consecutive posts of one visitor alternate between the instances, each verifying the token the
        // other may have issued and reading the state the other wrote.
        foreach (var answer in (string[])["printer jammed on floor 3", "none", "just now"])
        {
            var (response, _) = await visitor.SayAsync(answer);
            Assert.True(response.IsSuccessStatusCode, $"'{answer}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            answeredBy.Add(ClusterKit.InstanceOf(response)!);
        }

        var transcript = await visitor.PollAsync(from: "");
        Assert.Equal(2, answeredBy.Count);
        Assert.Equal(["printer jammed on floor 3", "none", "just now"], transcript.Where(a => a.From?.Role == "user").Select(a => a.Text));
        Assert.StartsWith("Does this stop you from working?", transcript[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_WebSocket_held_by_one_instance_receives_the_replies_to_posts_that_nginx_sends_to_the_other()
    {
        await using var cluster = await ClusterKit.StartAsync();
        var visitor = await ClusterTests.VisitorAsync(cluster, "Bo Chen");
        await using var socket = await DirectLineSocket.ConnectAsync(visitor);
        Assert.NotNull(socket.Instance);

        var ranElsewhere = 0;
        JsonElement? submit = null;
        foreach (var (text, expect) in IntakeScript.Turns.Where(turn => turn.Text is not null))
        {
            var (response, _) = await visitor.SayAsync(text!);
            Assert.True(response.IsSuccessStatusCode, $"'{text}': {(int)response.StatusCode}");
            ranElsewhere += ClusterKit.InstanceOf(response) == socket.Instance ? 0 : 1;

            var reply = await socket.NextAsync(
                activity => activity.From?.Role == "bot" && (expect == "card" ? IntakeScript.SubmitData([activity]) is not null : (activity.Text ?? "").StartsWith(expect, StringComparison.Ordinal)),
                Within);
            submit = IntakeScript.SubmitData([reply]) ?? submit;
        }

        var pressed = await visitor.PostActivityAsync(new { type = "message", channelId = "webchat", value = submit, locale = "en-US", channelData = new { clientActivityID = "click-submit" } });
        Assert.True(pressed.IsSuccessStatusCode);
        var filed = await socket.NextAsync(activity => activity.From?.Role == "bot" && (activity.Text ?? "").Contains("is filed", StringComparison.Ordinal), Within);

        Assert.StartsWith("Ticket TS-", filed.Text, StringComparison.Ordinal);
        Assert.True(ranElsewhere > 0, "nginx sent none of the visitor's posts to the instance without the socket");
    }

    [Fact]
    public async Task Killed_mid_load_one_instance_loses_no_acknowledged_ticket_files_none_twice_and_every_due_reminder_fires_once()
    {
        await using var cluster = await ClusterKit.StartAsync(DueDuringTheTest);
        var run = Guid.NewGuid().ToString("N")[..6];
        var customers = Enumerable.Range(0, Customers).Select(i => new CrashCustomer($"cluster-{run}-{i}")).ToList();

        // A Direct Line visitor in the middle of their report when the instance dies.
        var visitor = await ClusterTests.VisitorAsync(cluster, "Li Na");
        Assert.True((await visitor.SayAsync("printer jammed on floor 3")).Response.IsSuccessStatusCode);

        // The kill comes when the first customer hears their number: the others are answering questions or have their
        // Submit in flight on either instance.
        var victim = cluster.Instances[0];
        var firstFiled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = Task.WhenAll(customers.Select(customer => customer.RunAsync(cluster, () => firstFiled.TrySetResult())));
        await cluster.ExplainingAsync(Task.WhenAny(firstFiled.Task, all).WaitAsync(TimeSpan.FromMinutes(2)));
        await victim.KillAsync();
        await cluster.ExplainingAsync(all.WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(done => done.IsFaulted ? throw done.Exception!.InnerException! : 0, TaskScheduler.Default));
        var acknowledged = customers.Where(c => c.Acknowledged is not null).ToDictionary(c => c.Acknowledged!, c => c.Id);
        Assert.NotEmpty(acknowledged);

        // Everyone carries on through nginx, which now reaches only the survivor; Submit is pressed once more.
        foreach (var customer in customers)
        {
            var pressedAgain = await customer.ResumeAndPressSubmitAgainAsync(cluster).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.DoesNotContain("is filed", pressedAgain, StringComparison.Ordinal);
        }

        var visitorsNumber = await TicketChannelTests.FileTicketAsync(visitor, "en-US", firstWordsSaid: true).WaitAsync(TimeSpan.FromMinutes(2));

        var tickets = await cluster.TicketsAsync();
        foreach (var customer in customers)
        {
            Assert.Single(tickets, ticket => ClusterTests.ReporterId(ticket) == $"webchat:{customer.Id}");
        }

        foreach (var (number, customer) in acknowledged)
        {
            Assert.Equal($"webchat:{customer}", ClusterTests.ReporterId(Assert.Single(tickets, ticket => ClusterTests.Number(ticket) == number)));
        }

        Assert.Single(tickets, ticket => ClusterTests.Number(ticket) == visitorsNumber);
        Assert.Equal(Customers + 1, tickets.Count);
        ClusterTests.AssertGapFree(tickets.Select(ClusterTests.Number));

        // Every ticket's first-response deadline falls due during the test (the dead instance's tickets too): once
        // each ticket's breach has been dealt with, every reminder step is in its history exactly once.
        tickets = await cluster.ExplainingAsync(UntilEveryBreachIsRecordedAsync(cluster, TimeSpan.FromMinutes(3)));
        foreach (var ticket in tickets)
        {
            var twice = ReminderEntries(ticket).GroupBy(entry => entry).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
            Assert.True(twice.Count == 0, $"{ClusterTests.Number(ticket)}: recorded more than once: {string.Join("; ", twice)}");
            Assert.Contains(ReminderEntries(ticket), entry => entry.Step.EndsWith("/nudge", StringComparison.Ordinal));
        }
    }

    /// <summary>Polls the admin API (bounded) until every ticket's history records a breach step; returns the tickets then.</summary>
    private static async Task<IReadOnlyList<JsonElement>> UntilEveryBreachIsRecordedAsync(ClusterKit cluster, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var tickets = await cluster.TicketsAsync();
            var waiting = tickets.Where(ticket => !ReminderEntries(ticket).Any(entry => entry.Step.EndsWith("/breach", StringComparison.Ordinal))).Select(ClusterTests.Number).ToList();
            if (waiting.Count == 0)
            {
                return tickets;
            }

            Assert.True(waited.Elapsed < within, $"No breach reminder recorded within {within.TotalMinutes} min for {string.Join(", ", waiting)}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>The ticket's reminder ledger: what happened (reminded, escalated, failed, skipped), which step, to whom.</summary>
    private static IEnumerable<(string What, string Step, string To)> ReminderEntries(JsonElement ticket) =>
        ticket.GetProperty("history").EnumerateArray()
            .Select(entry => (What: entry.GetProperty("what").GetString()!, Step: Text(entry, "before"), To: Text(entry, "after")))
            .Where(entry => entry.What is "reminded" or "escalated" or "reminderFailed" or "reminderSkipped");

    private static string Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
