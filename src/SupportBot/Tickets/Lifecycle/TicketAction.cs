namespace SupportBot.Tickets.Lifecycle;

/// <summary>Everything anyone can do to a ticket (product.md §5 and §6).</summary>
public enum TicketAction
{
    Assign,
    Acknowledge,
    StartWork,
    AddDiagnosisNote,

    /// <summary>A step of carrying out the solution, for the implementation log (seed 000, 003).</summary>
    LogImplementation,
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
