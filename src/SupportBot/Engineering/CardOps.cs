using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Engineering;

/// <summary>One button kind on a card: its verb, the lifecycle action behind it, and the inputs it asks for.</summary>
public sealed record CardOp(string Verb, TicketAction Action, IReadOnlyList<string> Inputs)
{
    public bool AsksForInput => Inputs.Count > 0;
}

/// <summary>Every verb a card can send. Verbs are stable: cards already posted keep working across releases.</summary>
public static class CardOps
{
    public const string Refresh = "refresh";

    public static readonly CardOp Take = new("take", TicketAction.Assign, []);
    public static readonly CardOp Assign = new("assign", TicketAction.Assign, ["engineer"]);
    public static readonly CardOp Acknowledge = new("ack", TicketAction.Acknowledge, []);
    public static readonly CardOp ChangePriority = new("priority", TicketAction.ChangePriority, ["priority", "reason"]);
    public static readonly CardOp Note = new("note", TicketAction.AddDiagnosisNote, ["text"]);
    public static readonly CardOp Ask = new("ask", TicketAction.AskReporter, ["question"]);
    public static readonly CardOp Block = new("block", TicketAction.Block, ["reason", "estimate"]);
    public static readonly CardOp Unblock = new("unblock", TicketAction.Unblock, []);
    public static readonly CardOp Propose = new("propose", TicketAction.ProposeSolution, ["solution", "changesData"]);
    public static readonly CardOp Resolve = new("resolve", TicketAction.Resolve, ["solution", "effort"]);
    public static readonly CardOp Reopen = new("reopen", TicketAction.ReportNotSolved, ["reason"]);
    public static readonly CardOp Escalate = new("escalate", TicketAction.Escalate, []);
    public static readonly CardOp CoHandler = new("cohandler", TicketAction.AddCoHandler, ["engineer"]);
    public static readonly CardOp Cancel = new("cancel", TicketAction.Cancel, ["reason"]);

    // The reporter's buttons, on the cards SupportBot sends them.
    public static readonly CardOp Answer = new("answer", TicketAction.AnswerQuestion, ["answer"]);
    public static readonly CardOp Approve = new("approve", TicketAction.ApproveSolution, []);
    public static readonly CardOp Decline = new("decline", TicketAction.DeclineSolution, ["reason"]);
    public static readonly CardOp Solved = new("solved", TicketAction.ConfirmSolved, []);
    public static readonly CardOp NotSolved = new("notsolved", TicketAction.ReportNotSolved, ["stillWrong"]);
    public static readonly CardOp Rate = new("rate", TicketAction.Rate, ["rating", "comment"]);

    /// <summary>Information the reporter adds of their own accord ("add info TS-… …"), told to the engineers.</summary>
    public static readonly CardOp AddInformation = new("info", TicketAction.AddInformation, ["text"]);

    /// <summary>The engineer's buttons, in the order a card shows them: the next likely step first.</summary>
    public static IReadOnlyList<CardOp> Engineering { get; } =
        [Take, Acknowledge, Note, Ask, Propose, Resolve, Block, Unblock, Reopen, Assign, ChangePriority, Escalate, CoHandler, Cancel];

    public static IReadOnlyList<CardOp> Reporting { get; } = [Answer, Approve, Decline, Solved, NotSolved, Rate, AddInformation];

    public static CardOp? Find(string verb) =>
        Engineering.Concat(Reporting).FirstOrDefault(op => string.Equals(op.Verb, verb, StringComparison.Ordinal));
}
