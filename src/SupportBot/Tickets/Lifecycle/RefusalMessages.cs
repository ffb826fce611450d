using SupportBot.Localization;

namespace SupportBot.Tickets.Lifecycle;

/// <summary>Turns a lifecycle refusal into the sentence shown to the person who tried.</summary>
internal sealed class RefusalMessages(Localizer localizer)
{
    public string Describe(LifecycleDecision decision, Ticket ticket, string locale)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(ticket);
        if (decision.MessageKey is not { } key)
        {
            throw new ArgumentException("Only a refusal has a message.", nameof(decision));
        }

        return localizer.Get(
            locale,
            key,
            ticket.Number,
            localizer.Get(locale, $"status.{ticket.Status}"),
            localizer.Get(locale, $"action.{decision.Action}"));
    }
}
