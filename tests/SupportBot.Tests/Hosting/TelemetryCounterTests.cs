using System.Globalization;
using System.Text.RegularExpressions;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// The failure counters as an operator's Prometheus reads them from <c>/metrics</c>. Must hold: a connector call the
/// channel refused with 503 and then accepted counts one retry under its cause and no outbox failure; a message the
/// channel keeps refusing counts each connector retry, one outbox failure that will be tried again, and one parked.
/// </summary>
/// <remarks>
/// Counters are process-wide (a static meter), so another test's host refusing a send at the same moment would be counted
/// here too: this class runs alone, and the amounts it reads are exactly its own.
/// </remarks>
[Collection(nameof(CountersAlone))]
public sealed partial class TelemetryCounterTests
{
    [Fact]
    public async Task A_send_refused_then_accepted_and_one_refused_for_good_move_the_retry_and_failure_counters_by_their_amounts()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?>
        {
            ["Bot:ConnectorRetries"] = "1",
            ["Bot:ConnectorRetryDelay"] = "00:00:00",
            ["Outbox:MaxAttempts"] = "2",
            ["Outbox:FirstDelay"] = "00:01:00",
        });
        var (_, _, _, triage) = await desk.PeopleAsync();

        // Refusals go to new messages only: the card's refreshes (updates) that the reminder's history causes are not
        // part of what this test counts.
        desk.Channel.StatusesForNewMessagesOnly = true;

        // The ticket's card to the triage channel: refused once with 503, sent by the connector's retry.
        desk.Channel.NextStatuses.Enqueue(503);
        var ticket = await desk.SubmitAsync(Priority.Medium);
        Assert.Contains(triage.Cards(), card => TicketCards.Verbs(card).Contains("take"));

        // The first-response nudge (09:41:15): each try is refused twice (the call and the connector's retry); the first
        // try is tried again a minute later, the second is the last and parks the message.
        for (var refusal = 0; refusal < 4; refusal++)
        {
            desk.Channel.NextStatuses.Enqueue(500);
        }

        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        await desk.AtAsync(ChinaTime(11, 23, 9, 42).AddSeconds(15));
        Assert.Contains(desk.Ticket(ticket.Number).History, entry => entry.What == HistoryKinds.ReminderFailed);
        Assert.Empty(desk.Channel.NextStatuses);

        var scrape = await desk.Office.App.CreateAdminClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(1, Sum(scrape, "supportbot_connector_retries_total", "cause=\"503\""));
        Assert.Equal(2, Sum(scrape, "supportbot_connector_retries_total", "cause=\"500\""));
        Assert.Equal(3, Sum(scrape, "supportbot_connector_retries_total"));
        Assert.Equal(1, Sum(scrape, "supportbot_outbox_failures_total", "kind=\"reminder\"", "outcome=\"retry\""));
        Assert.Equal(1, Sum(scrape, "supportbot_outbox_failures_total", "kind=\"reminder\"", "outcome=\"parked\""));
        Assert.Equal(2, Sum(scrape, "supportbot_outbox_failures_total"));
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n').Select(line => Sample().Match(line))
            .Where(match => match.Success && match.Groups["name"].Value == metric
                && labels.All(label => match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}

/// <summary>Tests that read process-wide counters run after the parallel ones, by themselves.</summary>
[CollectionDefinition(nameof(CountersAlone), DisableParallelization = true)]
public sealed class CountersAlone;
