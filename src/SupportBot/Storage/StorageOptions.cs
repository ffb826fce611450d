namespace SupportBot.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file; a relative path is taken from the app's content root.</summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";

    /// <summary>Whether a turn waits until its conversation state is committed to the file.</summary>
    public BotStateDurability BotStateDurability { get; set; } = BotStateDurability.Durable;
}

public enum BotStateDurability
{
    /// <summary>Every turn's state is on disk before the reply goes out.</summary>
    Durable,

    /// <summary>
    /// The reply goes out as soon as the state is current in memory; it reaches the file with the next group commit,
    /// milliseconds later. A hard kill may lose those last milliseconds of conversation steps (a question is asked
    /// again); tickets are always written synchronously, and a graceful stop flushes everything.
    /// </summary>
    WriteBehind,
}
