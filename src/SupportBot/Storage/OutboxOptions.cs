namespace SupportBot.Storage;

/// <summary>Configuration section <c>Outbox</c>: how the dispatcher tries, waits and gives up.</summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>One try of one row; a connector that hangs is cut off here and tried again later.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's wait; it doubles per try up to <see cref="MaxDelay"/> (or what Retry-After asks).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At shutdown, how long a try already on the wire may still finish and be marked. Cutting it off at once would
    /// leave a send that reached the channel unmarked, and the next start would send it again.
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed row stays this instance's (PostgreSQL, several instances): an instance that dies holding rows
    /// delays them by at most this much before another takes them over (one that stops gives back the rows it has not
    /// begun to try). Renewed before a try that could outlast it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Exponential from <see cref="FirstDelay"/>, capped; the channel's Retry-After when it named one.</summary>
    public TimeSpan RetryDelay(int attempts, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Data["Retry-After"] is TimeSpan asked && asked > TimeSpan.Zero)
        {
            return asked < MaxDelay ? asked : MaxDelay;
        }

        var doubled = FirstDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return doubled < MaxDelay ? doubled : MaxDelay;
    }
}
