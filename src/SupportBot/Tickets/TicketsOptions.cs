namespace SupportBot.Tickets;

/// <summary>Configuration section <c>Tickets</c>: numbering, the home time zone and the categories.</summary>
internal sealed class TicketsOptions
{
    public const string SectionName = "Tickets";

    /// <summary>
    /// The number pattern: literal text with one <c>{date:FORMAT}</c> (digits only: yyyy, yy, MM, dd) and one
    /// <c>{seq:000}</c> whose zeros give the minimum width; the sequence grows wider when it needs to.
    /// </summary>
    public string NumberPattern { get; set; } = "TS-{date:yyyyMMdd}-{seq:000}";

    /// <summary>The IANA time zone whose calendar day a ticket's number carries.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public List<CategoryOptions> Categories { get; set; } = [];
}

internal sealed class CategoryOptions
{
    public string Key { get; set; } = "";
    public string Team { get; set; } = "";
    public Dictionary<string, string> Names { get; set; } = [];
}
