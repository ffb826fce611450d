namespace SupportBot.Hosting;

internal static partial class StartupLog
{
    /// <summary>
    /// The failures joined into one string before they are logged: the JSON console formatter writes each argument into
    /// the line's State as well, and a list there came out as its type name.
    /// </summary>
    public static void InvalidConfiguration(this ILogger logger, IEnumerable<string> failures)
    {
        if (logger.IsEnabled(LogLevel.Critical))
        {
            logger.InvalidConfigurationLine(string.Join(", ", failures));
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "SupportBot cannot start, the configuration is invalid: {Failures}")]
    private static partial void InvalidConfigurationLine(this ILogger logger, string failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SupportBot cannot start: {Reason}")]
    public static partial void StorageUnavailable(this ILogger logger, string reason);
}
