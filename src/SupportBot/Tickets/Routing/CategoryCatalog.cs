using Microsoft.Extensions.Options;

namespace SupportBot.Tickets.Routing;

internal sealed record TicketCategory(string Key, string Team, IReadOnlyDictionary<string, string> Names);

/// <summary>The configured categories (product.md §1) and the team each routes to (§4).</summary>
internal sealed class CategoryCatalog(IOptions<TicketsOptions> options)
{
    private readonly Dictionary<string, TicketCategory> _categories = options.Value.Categories.ToDictionary(
        c => c.Key, c => new TicketCategory(c.Key, c.Team, c.Names), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<TicketCategory> All => _categories.Values;

    public bool Contains(string key) => _categories.ContainsKey(key);

    public string TeamFor(string category) =>
        _categories.TryGetValue(category, out var found)
            ? found.Team
            : throw new ArgumentException($"Unknown category '{category}'.", nameof(category));
}
