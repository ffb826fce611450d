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

    /// <summary>The reporter answers a request for information; from the request.</summary>
    InformationRequest,

    /// <summary>The reporter verifies the fix; from resolution.</summary>
    Verification,

    /// <summary>The closed ticket is archived into the knowledge base; from closing, in working days.</summary>
    Archive,
}

internal static class DeadlineKinds
{
    /// <summary>Support's own clocks, which stop while the ticket waits for the reporter.</summary>
    public static bool PausesWhileWaitingForReporter(this DeadlineKind kind) =>
        kind is DeadlineKind.FirstResponse or DeadlineKind.Assignment or DeadlineKind.EngineerResponse or DeadlineKind.Escalation;

    /// <summary>The camelCase key used in configuration (<c>Sla:Deadlines:urgent:firstResponse</c>) and in the API.</summary>
    public static string Key(this DeadlineKind kind) => Keys[(int)kind];

    private static readonly string[] Keys = [.. Enum.GetValues<DeadlineKind>().Select(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()))];
}
