namespace SupportBot.Tickets.Lifecycle;

/// <summary>Everything anyone can do to a ticket (product.md §5 and §6).</summary>
public enum TicketAction
{
    Assign,
    Acknowledge,
    StartWork,
    AddDiagnosisNote,
    AskReporter,
    AnswerQuestion,
    AddInformation,
    Block,
    Unblock,
    ProposeSolution,
    ApproveSolution,
    DeclineSolution,
    Resolve,
    ConfirmSolved,
    ReportNotSolved,
    Rate,
    ChangePriority,
    Escalate,
    AddCoHandler,
    Cancel,
    AutoClose,
    Archive,
}
