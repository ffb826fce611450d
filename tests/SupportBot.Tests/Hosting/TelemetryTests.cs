using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Metrics and traces as an operator's Prometheus and trace backend see them. Must hold: a filed ticket is counted
/// under its team and priority, the scrape needs the admin key, no reporter's words or ids reach a label, and a turn
/// is one trace whose storage commit is a child of the turn's span.
/// </summary>
public sealed partial class TelemetryTests
{
    [Fact]
    public async Task A_filed_ticket_is_counted_by_team_and_priority_on_the_protected_scrape()
    {
        await using var app = new SupportBotApplication();
        var zhang = ScriptedReporter.Employee(app);
        await zhang.SayAsync("打印机卡纸了");
        await zhang.SayAsync("没有");
        await zhang.SayAsync("刚才");
        await zhang.FinishPrinterReportAndSubmitAsync();
        Assert.StartsWith("工单 TS-20261123-001 已提交", zhang.Last, StringComparison.Ordinal);
        var ticket = app.Services.GetRequiredService<ITicketStore>().Find("TS-20261123-001")!;

        using var anonymous = await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var scrape = await app.CreateAdminClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains(Series(scrape, "supportbot_tickets_filed_total"), labels =>
            labels.Contains($"team=\"{ticket.Team}\"", StringComparison.Ordinal) && labels.Contains($"priority=\"{ticket.Priority.Key()}\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "supportbot_turns_total"), labels => labels.Contains("channel=\"msteams\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "supportbot_turn_duration_seconds_count"), labels => labels.Contains("channel=\"msteams\"", StringComparison.Ordinal));

        // The turn's histogram keeps its own buckets (50 ms is the latency a turn is judged by) under the view that bounds
        // every metric's label sets.
        Assert.Contains(Series(scrape, "supportbot_turn_duration_seconds_bucket"), labels => labels.Contains("le=\"0.05\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "supportbot_outbox_rows"), labels => labels.Contains("state=\"pending\"", StringComparison.Ordinal));

        // Whatever the reporter said or is called never becomes a label.
        Assert.DoesNotContain("打印机", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("aad-zhang-wei", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("TS-20261123-001", scrape, StringComparison.Ordinal);

        // Prometheus sends the key as a bearer token.
        using var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SupportBotApplication.AdminKey);
        using var scraped = await bearer.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
    }

    [Fact]
    public async Task A_turn_is_a_span_with_its_storage_commit_as_a_child()
    {
        var spans = new List<Activity>();
        await using var app = new SupportBotApplication(services: services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        var zhang = ScriptedReporter.Employee(app);
        await zhang.SayAsync("打印机卡纸了");

        // The activity source is the process's: other tests' hosts running at once add their turns to this list too.
        // Whichever turn it is, its commit must be its child, and it must sit in the trace of the request it came in
        // (that span is still open here: it ends after the response was written).
        var finished = spans.ToArray();
        var turns = finished.Where(span => span.OperationName == "supportbot.turn").ToList();
        Assert.NotEmpty(turns);
        Assert.Contains(turns, turn => turn.GetTagItem("supportbot.channel") as string == "msteams"
            && finished.Any(commit => commit.OperationName == "supportbot.storage.commit" && commit.ParentSpanId == turn.SpanId && commit.TraceId == turn.TraceId)
            && turn.Parent is { Kind: ActivityKind.Server });
    }

    [Fact]
    public async Task A_nudge_counts_a_deadline_at_risk_and_the_deadline_passing_one_breached()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);

        // First response within 15 min (from 09:30): nudged at 75%, breached at 09:45; both go to the triage channel,
        // the breach to the senior engineer too, which is still one deadline.
        await desk.AtAsync(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        await desk.AtAsync(ChinaTime(11, 23, 9, 45));

        var scrape = await desk.Office.App.CreateAdminClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains(Series(scrape, "supportbot_deadlines_at_risk_total"), labels => labels.Contains("deadline=\"firstResponse\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "supportbot_deadlines_breached_total"), labels => labels.Contains("deadline=\"firstResponse\"", StringComparison.Ordinal));
        Assert.Contains(Series(scrape, "supportbot_reminder_lateness_seconds_count"), labels => labels.Contains("step=\"breach\"", StringComparison.Ordinal));
    }

    /// <summary>The label sets of every sample of <paramref name="metric"/> in a Prometheus text scrape.</summary>
    private static IReadOnlyList<string> Series(string scrape, string metric) =>
        [.. scrape.Split('\n').Select(line => Sample().Match(line)).Where(match => match.Success && match.Groups["name"].Value == metric).Select(match => match.Groups["labels"].Value)];

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\}")]
    private static partial Regex Sample();
}
