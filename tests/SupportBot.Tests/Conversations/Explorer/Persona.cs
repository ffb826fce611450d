using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Conversations.Explorer;

/// <summary>
/// A new user the explorer plays: how they start, what they answer to each kind of question, and what their
/// filed ticket must say. <see cref="Answers"/> is keyed by the question's localisation key ("describe.ask.action",
/// "intake.ask.occurredAt" …); a question without an answer here is answered with its first quick reply.
/// </summary>
internal sealed record Persona(
    string Name,
    string Locale,
    string ChannelId,
    IReadOnlyList<string> Opening,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<string> MustMention,
    bool VagueOpening = false)
{
    /// <summary>Said once, after this many answers: "help", "my tickets" … ; the report must carry on afterwards.</summary>
    public (int After, string Text)? Interruption { get; init; }

    /// <summary>Press Edit → Title on the confirmation card and give this title before submitting.</summary>
    public string? EditedTitle { get; init; }

    public bool Teams => ChannelId == Channels.MsTeams;

    public override string ToString() => $"{Name} ({Locale}, {(Teams ? "Teams" : "web")})";
}
