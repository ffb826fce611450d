namespace SupportBot.Tickets;

/// <summary>Whoever causes a change: a person by channel id, or the system (scheduler, intake).</summary>
internal sealed record Actor(string Id, string Name)
{
    public static Actor System { get; } = new("system", "SupportBot");

    public bool IsSystem => Id == System.Id;
}
