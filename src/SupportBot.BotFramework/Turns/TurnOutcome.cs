using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>What the adapter answers the caller after a turn: the invoke response, and the replies held back for expectReplies.</summary>
public sealed record TurnOutcome(InvokeResponse? InvokeResponse, IReadOnlyList<Activity>? ExpectedReplies);
