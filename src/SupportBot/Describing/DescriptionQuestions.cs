using SupportBot.Localization;

namespace SupportBot.Describing;

/// <summary>
/// The one short question for the next missing slot, in the reporter's language, with examples: systems
/// from the catalogue, and actions typical of the system already named.
/// </summary>
internal sealed class DescriptionQuestions(Localizer localizer, SystemsCatalogue catalogue)
{
    private static readonly string[] ExampleSystems = ["OA", "CRM", "VPN", "Printer"];

    public string For(string slot, DescriptionFacts facts, string locale) => slot switch
    {
        DescriptionSlot.System => localizer.Get(locale, "describe.ask.system", List(locale, SystemExamples(locale))),
        DescriptionSlot.Action when facts.System is { } system => localizer.Get(
            locale,
            "describe.ask.action",
            facts.CatalogueSystem?.DisplayName(locale) ?? system,
            List(locale, facts.CatalogueSystem?.ExampleActions(locale) is { Count: > 0 } actions ? actions : GenericActions(locale))),
        DescriptionSlot.Action => localizer.Get(locale, "describe.ask.action.anySystem", List(locale, GenericActions(locale))),
        DescriptionSlot.Symptom => localizer.Get(locale, "describe.ask.symptom"),
        DescriptionSlot.ErrorCode => localizer.Get(locale, "describe.ask.errorCode"),
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Not a slot the engine asks for."),
    };

    private IEnumerable<string> SystemExamples(string locale)
    {
        var chosen = ExampleSystems.Select(catalogue.Find).OfType<SystemEntry>().ToList();
        return (chosen.Count > 0 ? chosen : catalogue.Entries.Take(4)).Select(entry => Localizer.Normalize(locale) == Localizer.Chinese ? entry.DisplayName(locale) : entry.Name);
    }

    private string[] GenericActions(string locale) => localizer.Get(locale, "describe.examples.actions").Split('|');

    private string List(string locale, IEnumerable<string> items) => string.Join(localizer.Get(locale, "describe.listSeparator"), items);
}
