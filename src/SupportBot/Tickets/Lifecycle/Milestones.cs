namespace SupportBot.Tickets.Lifecycle;

/// <summary>Which milestones an action reaches: the facts the deadlines of product.md §3 wait for.</summary>
internal static class Milestones
{
    public static TicketMilestones After(TicketAction action, TicketMilestones m, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(m);

        // Any substantive word from an engineer is also a first response, and one to the current assignment.
        TicketMilestones Responded(TicketMilestones x) => x with
        {
            FirstResponseAt = x.FirstResponseAt ?? now,
            EngineerRespondedAt = x.EngineerRespondedAt >= x.AssignedAt ? x.EngineerRespondedAt : now,
        };

        return action switch
        {
            TicketAction.Acknowledge => m with { FirstResponseAt = m.FirstResponseAt ?? now },
            TicketAction.Assign => m with { AssignedAt = now },
            TicketAction.AddDiagnosisNote or TicketAction.LogImplementation or TicketAction.ProposeSolution => Responded(m),
            // A question is a first response but not yet the engineer's plan: that clock pauses until the answer.
            TicketAction.AskReporter => m with { FirstResponseAt = m.FirstResponseAt ?? now, InformationRequestedAt = now },
            TicketAction.AnswerQuestion => m with { InformationReceivedAt = now },
            TicketAction.Resolve => Responded(m) with { ResolvedAt = now, CauseLocatedAt = m.CauseLocatedAt ?? now },
            TicketAction.ConfirmSolved => m with { VerifiedAt = now, ClosedAt = now },
            TicketAction.ReportNotSolved => m with { VerifiedAt = now },
            TicketAction.AutoClose or TicketAction.CloseUnverified => m with { ClosedAt = now },
            TicketAction.Cancel => m with { CancelledAt = now },
            TicketAction.Archive => m with { ArchivedAt = now },
            _ => m,
        };
    }
}
