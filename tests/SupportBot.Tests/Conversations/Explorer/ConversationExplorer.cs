using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Localization;
using SupportBot.Tickets;

namespace SupportBot.Tests.Conversations.Explorer;

/// <summary>What one walk through the bot came to: the ticket it filed (if any), the turns it took, and every problem seen.</summary>
internal sealed record Walk(string Who, Ticket? Ticket, int Turns, IReadOnlyList<string> Problems, IReadOnlyList<string> Transcript)
{
    public string Report => $"{Who}: {(Ticket is null ? "no ticket" : Ticket.Number)} in {Turns} turns" +
        (Problems.Count == 0 ? "" : "\n  " + string.Join("\n  ", Problems)) + "\n    " + string.Join("\n    ", Transcript);
}

/// <summary>
/// Walks SupportBot the way new users do, over real HTTP, one turn at a time. Each bot message is recognised by
/// the question it asks (its localisation key), so a persona answers what it was actually asked. A walk fails on
/// what a user would notice: the same question three times in a row despite valid answers, an apology (the turn
/// error boundary), a turn that asks nothing and offers nothing (a dead end), or no ticket within the turn limit.
/// </summary>
internal sealed partial class ConversationExplorer(SupportBotApplication app)
{
    public const int MaxTurns = 40;
    private readonly Localizer _localizer = app.Services.GetRequiredService<Localizer>();

    [GeneratedRegex(@"TS-\d{8}-\d{3,}")]
    private static partial Regex TicketNumber();

    /// <summary>The question keys a walk recognises, longest fixed text first so the most specific wins.</summary>
    private IReadOnlyList<(string Key, string Fixed)> Questions(string locale) =>
    [
        .. _localizer.Keys(locale)
            .Where(key => key.StartsWith("describe.ask.", StringComparison.Ordinal) || key.StartsWith("intake.ask.", StringComparison.Ordinal) || key is "intake.stuck" or "welcome.text" or "status.ask" or "intake.retry.describe")
            .Select(key => (Key: key, Fixed: _localizer.Get(locale, key).Split('{')[0]))
            .Where(question => question.Fixed.Length >= 4)
            .OrderByDescending(question => question.Fixed.Length),
    ];

    /// <summary>The question a message asks; "describe it again, with an example" asks the same as the first time.</summary>
    public string? Recognise(string locale, string text) =>
        Questions(locale).FirstOrDefault(question => text.Contains(question.Fixed, StringComparison.Ordinal)).Key switch
        {
            "intake.retry.describe" => "intake.ask.describe",
            "describe.ask.action.anySystem" => "describe.ask.action",
            var key => key,
        };

    public ScriptedReporter Reporter(Persona persona, string id) => persona.Teams
        ? ScriptedReporter.Employee(app, persona.Locale, aadId: $"aad-{id}", name: persona.Name)
        : ScriptedReporter.Customer(app, persona.Locale, userId: $"dl-{id}", name: persona.Name);

    /// <summary>Plays <paramref name="persona"/> from the first message to a filed ticket.</summary>
    public async Task<Walk> PlayAsync(Persona persona, string id)
    {
        var reporter = Reporter(persona, id);
        var problems = new List<string>();
        var transcript = new List<string>();
        var used = new Dictionary<string, int>();
        var repeats = (Key: (string?)null, Count: 0);
        var turns = 0;
        var edited = false;

        async Task Say(string text)
        {
            turns++;
            transcript.Add("> " + text);
            await reporter.SayAsync(text);
            Record();
        }

        async Task Click(System.Text.Json.JsonElement data)
        {
            turns++;
            transcript.Add("> [" + data.GetRawText() + "]");
            await reporter.ClickAsync(data);
            Record();
        }

        void Record()
        {
            transcript.AddRange(reporter.Texts.Select(text => "< " + text));
            if (reporter.Texts.Any(IsApology))
            {
                problems.Add($"apology after turn {turns}: {string.Join(" | ", reporter.Texts)}");
            }
        }

        foreach (var opening in persona.Opening)
        {
            await Say(opening);
        }

        while (turns < MaxTurns && problems.Count == 0)
        {
            if (reporter.Texts.FirstOrDefault(Filed(persona.Locale).IsMatch) is { } filed)
            {
                var ticket = app.Services.GetRequiredService<TicketService>().Find(TicketNumber().Match(filed).Value);
                problems.AddRange(persona.MustMention
                    .Where(part => ticket is null || !ticket.Description.Specific.Contains(part, StringComparison.OrdinalIgnoreCase))
                    .Select(part => $"the filed description «{ticket?.Description.Specific}» lacks «{part}»"));
                return new Walk(persona.ToString(), ticket, turns, problems, transcript);
            }

            if (reporter.LastCard() is not null && reporter.CardActions().Any(data => data.TryGetProperty("intake", out var op) && op.GetString() == "submit"))
            {
                if (persona.EditedTitle is { } title && !edited)
                {
                    edited = true;
                    await Click(reporter.CardAction("edit", "Title"));
                    await Say(title);
                    continue;
                }

                await Click(reporter.CardAction("submit"));
                continue;
            }

            var key = Recognise(persona.Locale, reporter.Last);
            if (key is null)
            {
                problems.Add($"dead end after turn {turns}: nothing asked, nothing to press: {string.Join(" | ", reporter.Texts)}");
                break;
            }

            repeats = repeats.Key == key && reporter.Last.Length > 0 ? (key, repeats.Count + 1) : (key, 1);
            if (repeats.Count >= 3 && key != "intake.stuck")
            {
                problems.Add($"loop: «{reporter.Last}» asked three times in a row");
                break;
            }

            if (persona.Interruption is { } interruption && turns == persona.Opening.Count + interruption.After)
            {
                var asked = reporter.Last;
                await Say(interruption.Text);
                if (reporter.Last != asked)
                {
                    problems.Add($"after «{interruption.Text}» the question was not asked again: {reporter.Last}");
                }

                continue;
            }

            await Say(Answer(persona, key, reporter, used));
        }

        if (problems.Count == 0)
        {
            problems.Add($"no ticket after {turns} turns");
        }

        return new Walk(persona.ToString(), null, turns, problems, transcript);
    }

    /// <summary>The filing confirmation ("Ticket {0} is filed: …"), not any text that shows a number (help shows an example).</summary>
    private Regex Filed(string locale) => new("^" + Regex.Replace(Regex.Escape(_localizer.Get(locale, "intake.created")), @"\\\{\d\}", ".+") + "$", RegexOptions.Singleline);

    /// <summary>The persona's answer to a question; several answers to one question ("a || b") are given in turn.</summary>
    private static string Answer(Persona persona, string key, ScriptedReporter reporter, Dictionary<string, int> used)
    {
        if (key == "intake.stuck")
        {
            return reporter.QuickReplies()[0];
        }

        if (persona.Answers.TryGetValue(key, out var answers))
        {
            var options = answers.Split(" || ");
            var index = used.GetValueOrDefault(key);
            used[key] = index + 1;
            return options[Math.Min(index, options.Length - 1)];
        }

        return reporter.QuickReplies() is { Count: > 0 } replies
            ? replies[0]
            : throw new InvalidOperationException($"{persona} has no answer to {key}: {reporter.Last}");
    }

    /// <summary>The turn error boundary's words, in either language.</summary>
    public static bool IsApology(string text) =>
        text.Contains("something went wrong on my side", StringComparison.OrdinalIgnoreCase) || text.Contains("我这边出了点问题", StringComparison.Ordinal);
}
