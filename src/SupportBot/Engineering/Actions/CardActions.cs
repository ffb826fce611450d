namespace SupportBot.Engineering.Actions;

/// <summary>
/// Every card action there is. Verbs are stable: cards already posted keep working across releases, and an outbox row
/// written by an older release still names an action found here.
/// </summary>
internal static class CardActions
{
    /// <summary>Not an action: Teams asks for the card again for one person in a shared channel.</summary>
    public const string Refresh = "refresh";

    public static readonly TakeAction Take = new();
    public static readonly AssignAction Assign = new();
    public static readonly AcknowledgeAction Acknowledge = new();
    public static readonly PriorityAction ChangePriority = new();
    public static readonly TransferAction Transfer = new();
    public static readonly NoteAction Note = new();
    public static readonly LogAction Log = new();
    public static readonly AskAction Ask = new();
    public static readonly IncompleteAction Incomplete = new();
    public static readonly BlockAction Block = new();
    public static readonly UnblockAction Unblock = new();
    public static readonly ProposeAction Propose = new();
    public static readonly ResolveAction Resolve = new();
    public static readonly ReopenAction Reopen = new();
    public static readonly EscalateAction Escalate = new();
    public static readonly CoHandlerAction CoHandler = new();
    public static readonly CloseAction Close = new();
    public static readonly CancelAction Cancel = new();

    public static readonly AnswerAction Answer = new();
    public static readonly ApproveAction Approve = new();
    public static readonly DeclineAction Decline = new();
    public static readonly SolvedAction Solved = new();
    public static readonly NotSolvedAction NotSolved = new();
    public static readonly RateAction Rate = new();
    public static readonly AddInformationAction AddInformation = new();

    public static readonly PublishArticleAction PublishArticle = new();
    public static readonly EditArticleAction EditArticle = new();
    public static readonly MergeArticleAction MergeArticle = new();
    public static readonly NotWorthArticleAction NotWorthArticle = new();

    /// <summary>Every action, the engineer's in the order their card shows them (the next likely step first).</summary>
    public static IReadOnlyList<CardAction> All { get; } =
    [
        Take, Acknowledge, Incomplete, Note, Ask, Propose, Log, Resolve, Block, Unblock, Reopen, Assign, Transfer, ChangePriority, Escalate, CoHandler, Close, Cancel,
        Answer, Approve, Decline, Solved, NotSolved, Rate, AddInformation,
        PublishArticle, EditArticle, MergeArticle, NotWorthArticle,
    ];

    /// <summary>The buttons of one card, in order.</summary>
    public static IEnumerable<CardAction> On(CardKind card) => All.Where(action => action.Card == card);

    public static CardAction? Find(string verb) => All.FirstOrDefault(action => string.Equals(action.Verb, verb, StringComparison.Ordinal));
}
