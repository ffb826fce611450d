namespace SupportBot.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "SupportBot cannot start, the configuration is invalid: {Failures}")]
    public static partial void InvalidConfiguration(this ILogger logger, IEnumerable<string> failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SupportBot cannot start: {Reason}")]
    public static partial void StorageUnavailable(this ILogger logger, string reason);
}
