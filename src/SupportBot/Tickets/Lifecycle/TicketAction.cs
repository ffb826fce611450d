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

    /// <summary>Another category, and with it perhaps another team: the ticket moves to that team's queue.</summary>
    Transfer,
    Escalate,
    AddCoHandler,
    Cancel,
    AutoClose,

    /// <summary>The lead closes a resolution the reporter never confirmed, saying why ("reporter unreachable").</summary>
    CloseUnverified,
    Archive,

    /// <summary>An engineer finds information missing from a new ticket (seed 004): support's clock to contact the reporter starts.</summary>
    FlagIncomplete,
}
