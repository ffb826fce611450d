using System.Text.Json;

namespace SupportBot.Tickets.Deadlines;

/// <summary>The deadlines of product.md §3, each measured from its own event.</summary>
public enum DeadlineKind
{
    /// <summary>Someone acknowledges the ticket; from submission.</summary>
    FirstResponse,

    /// <summary>A named engineer is assigned; from submission.</summary>
    Assignment,

    /// <summary>The assignee responds with a plan; from assignment.</summary>
    EngineerResponse,

    /// <summary>Escalate when the cause is not located; from assignment.</summary>
    Escalation,

    /// <summary>
    /// The reporter's clock: they answer a request for information; from the request. Configured as
    /// <c>reporterAnswer</c> (its older name <c>informationRequest</c> still works); its key stays <c>informationRequest</c>.
    /// </summary>
    InformationRequest,

    /// <summary>The reporter verifies the fix; from resolution.</summary>
    Verification,

    /// <summary>The closed ticket is archived into the knowledge base; from closing, in working days.</summary>
    Archive,

    /// <summary>
    /// Support's clock: a ticket flagged incomplete has its reporter asked for what is missing; from the flag (seed 004:
    /// contact the reporter within 1 h). Last in the list so stored values of the others keep their meaning.
    /// </summary>
    ContactReporter,
}

internal static class DeadlineKinds
{
    /// <summary>Support's own clocks, which stop while the ticket waits for the reporter.</summary>
    public static bool PausesWhileWaitingForReporter(this DeadlineKind kind) =>
        kind is DeadlineKind.FirstResponse or DeadlineKind.Assignment or DeadlineKind.EngineerResponse or DeadlineKind.Escalation;

    /// <summary>
    /// Support's own clocks, which climb the ladder to the senior and the lead when missed. Contacting the reporter is one,
    /// though it need not pause: asking the reporter is what meets it.
    /// </summary>
    public static bool IsSupportsOwn(this DeadlineKind kind) => kind.PausesWhileWaitingForReporter() || kind == DeadlineKind.ContactReporter;

    /// <summary>The camelCase key used in configuration (<c>Sla:Deadlines:urgent:firstResponse</c>) and in the API.</summary>
    public static string Key(this DeadlineKind kind) => Keys[(int)kind];

    private static readonly string[] Keys = [.. Enum.GetValues<DeadlineKind>().Select(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()))];
}
