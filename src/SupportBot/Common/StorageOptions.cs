namespace SupportBot.Common;

/// <summary>
/// Configuration section <c>Storage</c>: where SupportBot keeps its data. Shared, because more than the storage engine
/// lives there (the knowledge index sits beside the database file).
/// </summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; a relative path is taken from the app's content root.</summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";
}
