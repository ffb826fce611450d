using SupportBot.Common;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Reminders;

/// <summary>The reminders' share of the metrics: lateness of each step, and deadlines at risk (nudge) or breached.</summary>
internal static class ReminderTelemetry
{
    private static readonly string[] StepLabels = [.. Enum.GetValues<ReminderStepKind>().Select(kind => kind.ToString().ToLowerInvariant())];

    /// <summary>A delivery of a step that has fallen due is being handled at <paramref name="now"/>.</summary>
    public static void Handled(ReminderDelivery reminder, DateTimeOffset now) =>
        SupportBotTelemetry.ReminderStepHandled(
            StepLabels[(int)reminder.Step.Kind],
            reminder.Step.Deadline.Key(),
            // A step told to the responsible person and the senior engineer is still one deadline.
            reminder.To.Role == RecipientRole.Responsible,
            now - reminder.Step.At);
}
