using System.Net;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Hostile;

/// <summary>
/// A web customer is half-way through a report (described, no error code, now asked when it happened) when the
/// hostile input arrives, as an answer or as a card's submit. Whatever it is, no turn fails, and the report is
/// still there: the next answer continues it.
/// </summary>
public sealed class ReportSurvivalTests(HostileApp host) : IClassFixture<HostileApp>
{
    private const string AskedWhen = "When did it first happen?";
    private const string AskedAgainWhen = "I couldn't read that as a time in the past.";
    private const string AskedCategory = "I'd file this under";

    [Theory]
    [MemberData(nameof(HostileInputs.All), MemberType = typeof(HostileInputs))]
    public async Task AHostileAnswer_LeavesTheHalfFilledReportGoing(string input)
    {
        var (reporter, conversation) = await HalfFilledReportAsync();

        var (response, replies) = await HostileActivities.PostAsync(host.App.CreateClient(),
            HostileActivities.With(Message(conversation, reporter), "text", HostileInputs.JsonString(HostileInputs.Texts[input])));

        Assert.Equal(input.StartsWith("lone", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(HostileActivities.Apology, HostileActivities.TextsOf(replies), StringComparison.Ordinal);
        await AssertReportContinuesAsync(reporter);
    }

    public static TheoryData<string> CardValues() =>
    [
        "{\"intake\":5,\"form\":5}",
        "{\"intake\":\"submit\",\"form\":5}",
        "{\"intake\":\"edit\",\"form\":\"f\",\"field\":5}",
        "{\"intake\":\"edit\",\"form\":\"f\",\"field\":\"Confirm\"}",
        "{\"intake\":\"edit\",\"form\":\"f\",\"field\":\"<script>\"}",
        "{\"intake\":null,\"form\":null}",
        "{\"intake\":[],\"form\":{}}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":\"1\",\"op\":\"take\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":1e308,\"op\":\"take\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":-1,\"op\":\"take\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":1,\"op\":5}",
        "{\"ticket\":5,\"v\":1,\"op\":\"take\"}",
        "{\"ticket\":\"../../etc/passwd\",\"v\":1,\"op\":\"cancel\",\"cancel.reason\":\"x\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":1,\"op\":\"nonsense\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":1,\"op\":\"resolve\",\"resolve.effort\":\"1e308\"}",
        "{\"ticket\":\"TS-20261123-001\",\"v\":1,\"op\":\"block\",\"block.estimate\":\"0001-01-01\"}",
        "[1,2,3]",
        "\"just a string\"",
        "42",
        "{}",
        "{\"action\":{\"type\":5}}",
        "{\"a\":" + HostileInputs.Nested(25) + "}",
    ];

    [Theory]
    [MemberData(nameof(CardValues))]
    public async Task AHostileCardSubmit_LeavesTheHalfFilledReportGoing(string value)
    {
        var (reporter, conversation) = await HalfFilledReportAsync();
        var activity = Message(conversation, reporter);
        activity.Remove("text");

        var (response, replies) = await HostileActivities.PostAsync(host.App.CreateClient(), HostileActivities.With(activity, "value", value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(HostileActivities.Apology, HostileActivities.TextsOf(replies), StringComparison.Ordinal);
        await AssertReportContinuesAsync(reporter);
    }

    /// <summary>A customer who has described the problem and said there is no error code: the bot asks when it happened.</summary>
    private async Task<(ScriptedReporter Reporter, string Conversation)> HalfFilledReportAsync()
    {
        var userId = $"hostile-{Guid.NewGuid():N}";
        var reporter = ScriptedReporter.Customer(host.App, userId: userId);
        await reporter.SayAsync("printer jammed on floor 3");
        await reporter.SayAsync("none");
        Assert.StartsWith(AskedWhen, reporter.Last, StringComparison.Ordinal);
        return (reporter, $"conv-{userId}");
    }

    private JsonObject Message(string conversation, ScriptedReporter reporter) =>
        HostileActivities.Message(conversation, host.Channel.ServiceUrl, reporter.UserId);

    /// <summary>
    /// The report is where it was, or one step on if the input was a fair answer: a time the bot could read moves it to
    /// the category. Either way the next answers continue the same report.
    /// </summary>
    private static async Task AssertReportContinuesAsync(ScriptedReporter reporter)
    {
        await reporter.SayAsync("just now");
        if (!reporter.Last.StartsWith(AskedCategory, StringComparison.Ordinal))
        {
            // The hostile answer was read as the time already; "just now" is then a wrong category and is asked again.
            Assert.DoesNotContain(AskedWhen, reporter.Last, StringComparison.Ordinal);
            Assert.DoesNotContain(AskedAgainWhen, reporter.Last, StringComparison.Ordinal);
        }

        await reporter.SayAsync("cancel");
        Assert.Equal("Cancelled. Nothing was filed.", reporter.Last);
    }
}
