using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.IntakeLoadTest;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// A web customer filing one ticket through the load test's intake script, who survives the bot's crash the way a
/// channel does: the turn that got no answer is delivered again with the same activity id, then they carry on.
/// </summary>
internal sealed partial class CrashCustomer(string id)
{
    private int _next;
    private JsonElement? _click;

    public string Id { get; } = id;

    /// <summary>The number the bot told this customer before it was killed, if it got that far.</summary>
    public string? Acknowledged { get; private set; }

    public bool Finished => _next == IntakeScript.Turns.Count;

    /// <summary>Runs the script until it ends or the bot stops answering (killed).</summary>
    public async Task RunAsync(IBotEndpoint bot, Action filed)
    {
        try
        {
            while (!Finished)
            {
                var (text, expect) = IntakeScript.Turns[_next];
                var replies = await bot.SendAsync(Id, $"{Id}-{_next}", text, _click);
                Read(replies, expect);
                if (text is null)
                {
                    Acknowledged = Number(replies);
                    filed();
                }
            }
        }
        catch (HttpRequestException)
        {
            // The process died under this turn: it stays the next one, to be delivered again.
        }
    }

    /// <summary>
    /// After the restart: the unanswered turn again under its own id (done already if the bot committed it before
    /// the kill: then it answers nothing), the rest of the script, then Submit pressed once more on the same card.
    /// Returns the answer to that last press.
    /// </summary>
    public async Task<string> ResumeAndPressSubmitAgainAsync(IBotEndpoint bot)
    {
        while (!Finished)
        {
            var (text, expect) = IntakeScript.Turns[_next];
            var replies = await bot.SendAsync(Id, $"{Id}-{_next}", text, _click);
            if (replies.Count == 0 && expect == "card")
            {
                // The card was committed but its reply died with the process: any words show it again.
                replies = await bot.SendAsync(Id, $"{Id}-{_next}-again", "show me the card", null);
            }

            if (replies.Count == 0)
            {
                _next++;
                continue;
            }

            Read(replies, expect);
        }

        var again = await bot.SendAsync(Id, $"{Id}-submit-again", null, _click);
        return again.Count == 0 ? "" : again[^1].Text ?? "";
    }

    private void Read(IReadOnlyList<BotFramework.Schema.Activity> replies, string expect)
    {
        Assert.True(IntakeScript.Matches(replies, expect), $"{Id} turn {_next}: expected '{expect}', got '{(replies.Count > 0 ? replies[^1].Text : "")}'");
        _click = expect == "card" ? IntakeScript.SubmitData(replies) : _click;
        _next++;
    }

    private static string Number(IReadOnlyList<BotFramework.Schema.Activity> replies) =>
        Filed().Match(replies[^1].Text ?? "") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"No ticket number in '{replies[^1].Text}'.");

    [GeneratedRegex(@"Ticket (\S+) is filed")]
    private static partial Regex Filed();
}
