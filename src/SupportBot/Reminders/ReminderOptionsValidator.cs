using SupportBot.Common;

namespace SupportBot.Reminders;

internal sealed class ReminderOptionsValidator : OptionsValidator<ReminderOptions>
{
    protected override void Validate(ReminderOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        void Span(string name, string? text, bool zeroAllowed)
        {
            if (!ReminderSpans.TryParse(text, zeroAllowed, out _))
            {
                errors.Add($"{ReminderOptions.SectionName}:{name} '{text}' is not a span such as 5m, 1h30m or 00:05:00{(zeroAllowed ? " (0 turns it off)" : "")}.");
            }
        }

        Span(nameof(options.EscalateToLeadAfter), options.EscalateToLeadAfter, zeroAllowed: false);
        Span(nameof(options.CombineNudgesWithin), options.CombineNudgesWithin, zeroAllowed: true);
        if (options.AutoCloseAfterWorkingDays is < 1 or > 60)
        {
            errors.Add($"{ReminderOptions.SectionName}:{nameof(options.AutoCloseAfterWorkingDays)} must be a whole number of working days from 1 to 60.");
        }

        // Quartz checks in on its own timer: under a second it mostly loads the database; past ten minutes a dead
        // instance's reminders wait that long.
        if (options.ClusterCheckInInterval < TimeSpan.FromSeconds(1) || options.ClusterCheckInInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{ReminderOptions.SectionName}:{nameof(options.ClusterCheckInInterval)} must be from 00:00:01 to 00:10:00.");
        }
    }
}
