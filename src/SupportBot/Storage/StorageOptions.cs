namespace SupportBot.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; a relative path is taken from the app's content root.</summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";
}
