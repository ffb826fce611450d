namespace SupportBot.Tickets;

/// <summary>urgent / high / medium / low = P0 / P1 / P2 / P3 (product.md §3).</summary>
public enum Priority
{
    Urgent,
    High,
    Medium,
    Low,
}

internal static class PriorityNames
{
    /// <summary>The lower-case key used in configuration (<c>Sla:Deadlines:urgent</c>) and in the API.</summary>
    public static string Key(this Priority priority) => priority switch
    {
        Priority.Urgent => "urgent",
        Priority.High => "high",
        Priority.Medium => "medium",
        Priority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    public static bool TryParse(string? text, out Priority priority)
    {
        foreach (var candidate in Enum.GetValues<Priority>())
        {
            if (string.Equals(text, candidate.Key(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, $"P{(int)candidate}", StringComparison.OrdinalIgnoreCase))
            {
                priority = candidate;
                return true;
            }
        }

        priority = default;
        return false;
    }
}
