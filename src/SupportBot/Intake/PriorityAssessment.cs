using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>A priority and the localisation key of the reason shown beside it.</summary>
internal sealed record AssessedPriority(Priority Priority, string ReasonKey);

/// <summary>
/// Derives the priority from the impact answers (product.md §3): work blocked for many people is urgent;
/// blocked without a workaround is high; blocked with a workaround, or a few people hindered, is medium;
/// one person not blocked is low. The reporter may override it on the confirmation card.
/// </summary>
internal static class PriorityAssessment
{
    public static AssessedPriority? From(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return (form.Blocked, form.People, form.Workaround) switch
        {
            (null, _, _) or (_, null, _) => null,
            (true, ImpactReach.Many, _) => new(Priority.Urgent, "priority.reason.blockedMany"),
            (true, _, null) => null,
            (true, _, false) => new(Priority.High, "priority.reason.blockedNoWorkaround"),
            (true, _, true) => new(Priority.Medium, "priority.reason.blockedWorkaround"),
            (false, ImpactReach.OnlyMe, _) => new(Priority.Low, "priority.reason.notBlockedMe"),
            (false, _, _) => new(Priority.Medium, "priority.reason.notBlockedOthers"),
        };
    }

    /// <summary>Whether the workaround question still matters: only when work is blocked for fewer than many.</summary>
    public static bool NeedsWorkaroundAnswer(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Blocked == true && form.People is not ImpactReach.Many;
    }
}
