using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering.Actions;

/// <summary>One input of a card action; the form renders it by its kind and reads it back by its name.</summary>
internal abstract record CardField(string Name);

internal sealed record TextField(string Name, int Limit, bool Required, bool Multiline) : CardField(Name);

internal sealed record NumberField(string Name, int Min, int Max, string ErrorKey) : CardField(Name);

internal sealed record DecimalField(string Name, decimal Max, string ErrorKey) : CardField(Name);

internal sealed record DateField(string Name) : CardField(Name);

internal sealed record ToggleField(string Name) : CardField(Name);

/// <summary>A choice among values known when the card is drawn (the team's engineers, the priorities …).</summary>
internal sealed record ChoiceField(string Name, Func<ChoiceScene, IEnumerable<(string Title, string Value)>> Options, bool Expanded = false) : CardField(Name);

/// <summary>What a choice's options are drawn from.</summary>
internal sealed record ChoiceScene(Ticket Ticket, string Locale, Localizer Localizer, SupportRoster Roster, CategoryCatalog Categories)
{
    /// <summary>Knowledge articles the card offers (a draft's "merge into"): id and title.</summary>
    public IReadOnlyList<(string Title, string Value)> Articles { get; init; } = [];
}
