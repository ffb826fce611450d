namespace SupportBot.Engineering;

/// <summary>Who a posted card is for, which decides the buttons it shows.</summary>
internal enum CardAudience
{
    /// <summary>The team's triage channel: everyone on the team reads the same message.</summary>
    Triage,

    /// <summary>An engineer's personal chat (assignee, co-handler, escalation target).</summary>
    Engineer,

    /// <summary>The reporter's chat.</summary>
    Reporter,
}

/// <summary>Which card a post shows: the ticket itself, or one of the reporter's questions to answer.</summary>
internal enum CardKind
{
    Ticket,
    Question,
    Approval,
    Verification,
    Rating,

    /// <summary>A closed ticket's knowledge-article draft, for its assignee or lead to publish, edit, merge or decline.</summary>
    ArchiveDraft,
}

/// <summary>
/// One message SupportBot posted that shows a ticket: where it is, so it can be replaced with
/// <c>updateActivity</c> whenever the ticket changes. Kept per ticket number, beside the ticket rather than in it,
/// so that recording a post does not change the ticket's version and make every card just sent stale.
/// </summary>
internal sealed record CardPost
{
    public required string Number { get; init; }
    public required CardAudience Audience { get; init; }
    public required CardKind Kind { get; init; }
    public required string ChannelId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public required string ActivityId { get; init; }

    /// <summary>The person the card is for (null in a triage channel, where it is everyone on the team).</summary>
    public string? ViewerId { get; init; }

    public required string Locale { get; init; }

    /// <summary>The message's text beside the card: a refresh replaces the whole message and must carry it again.</summary>
    public string? Text { get; init; }

    public string? BotId { get; init; }
    public string? TenantId { get; init; }
}

/// <summary>The posted copies of every ticket's cards.</summary>
internal interface ICardPostStore
{
    void Add(CardPost post);

    IReadOnlyList<CardPost> For(string number);
}
