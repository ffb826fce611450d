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

    /// <summary>
    /// The categories whose reports the intake asks the environment of (OS, browser, version; seed 001 asks it of
    /// faults). Null: <c>software</c> and <c>network</c>. A default list here would be appended to by the binder, not
    /// replaced, so the default is applied when read.
    /// </summary>
    public List<string>? AskEnvironmentFor { get; set; }

    public IReadOnlyList<string> EnvironmentCategories() => AskEnvironmentFor ?? ["software", "network"];
}

internal sealed class CategoryOptions
{
    public string Key { get; set; } = "";
    public string Team { get; set; } = "";
    public Dictionary<string, string> Names { get; set; } = [];
}
