using Microsoft.Extensions.Options;
using SupportBot.Common;

namespace SupportBot.Hosting;

/// <summary>Configuration section <c>Memory</c>: when the process gives back what a busy spell made the GC keep.</summary>
internal sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>How long the process must be quiet (next to no allocation) before it trims; zero turns trimming off.</summary>
    /// <remarks>
    /// The quiet span is counted between two looks this far apart, so a trim comes one to two spans after the last turn:
    /// 15 s gives back the peak within 15-30 s of idle (at 30 s a soak's trim landed 45-60 s in, at the edge of the minute
    /// an operator would allow). It trims once per busy spell: afterwards the GC holds too little it does not use.
    /// </remarks>
    public TimeSpan IdleTrimAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Allocation below this over <see cref="IdleTrimAfter"/> counts as quiet (a health probe, a reminder).</summary>
    public long QuietAllocationBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Trimming is worth its pause when the GC holds at least this much more than it uses...</summary>
    public long MinimumSlackBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>...or when this much was allocated since the last trim: a busy spell has passed.</summary>
    /// <remarks>
    /// The GC's own slack is not the whole of what a busy spell leaves: glibc's arenas keep what native code freed, and
    /// with the small gen0 budget (Directory.Build.props) the slack stays under <see cref="MinimumSlackBytes"/> while the
    /// resident set is still ~50 MB above its trimmed size (bench/README.md, "A smaller gen0 budget"). 256 MB is a few
    /// thousand turns: a quiet desk's occasional turn does not add up to a trim every few minutes.
    /// </remarks>
    public long BusyAllocationBytes { get; set; } = 256 * 1024 * 1024;
}

/// <summary>What the GC showed at one look: bytes allocated so far, and how much it holds beyond what is live.</summary>
internal readonly record struct MemoryLook(long AllocatedBytes, long SlackBytes)
{
    /// <remarks>
    /// The precise count: the cheap one subtracts what threads that have since exited left unused, so between two looks it
    /// can grow by less than was allocated and call a busy spell quiet. Being exact cost about a microsecond a call, measured
    /// while four threads allocated; the look runs every <see cref="MemoryOptions.IdleTrimAfter"/>.
    /// </remarks>
    public static MemoryLook Now()
    {
        var info = GC.GetGCMemoryInfo();
        return new(GC.GetTotalAllocatedBytes(precise: true), Math.Max(0, info.TotalCommittedBytes - info.HeapSizeBytes));
    }

    /// <summary>
    /// Trim when the span since the last look was quiet and either the GC holds enough it does not use or a busy spell
    /// has passed since the last trim (<paramref name="allocatedAtLastTrim"/>: the allocation count then, or at start).
    /// </summary>
    public bool CallsForTrim(MemoryLook previous, long allocatedAtLastTrim, MemoryOptions options) =>
        AllocatedBytes - previous.AllocatedBytes < options.QuietAllocationBytes
        && (SlackBytes >= options.MinimumSlackBytes || AllocatedBytes - allocatedAtLastTrim >= options.BusyAllocationBytes);
}

/// <summary>
/// The server GC keeps the memory a load peak made it commit, so a bot that served a morning's outage would hold
/// its peak all afternoon. Once the process has been quiet for a while, one aggressive collection compacts the heap
/// and returns the unused part to the operating system (the GC's own mode for an application going idle). While
/// turns keep coming nothing happens: the check is a few counters every <see cref="MemoryOptions.IdleTrimAfter"/>.
/// </summary>
internal sealed partial class IdleMemoryTrim(IOptions<MemoryOptions> options, IEnumerable<IReleaseAtIdle> releases, TimeProvider time, ILogger<IdleMemoryTrim> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.IdleTrimAfter <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.IdleTrimAfter, time);
        var previous = MemoryLook.Now();
        var allocatedAtLastTrim = previous.AllocatedBytes;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var look = MemoryLook.Now();
                if (look.CallsForTrim(previous, allocatedAtLastTrim, settings))
                {
                    GiveBack();
                    look = MemoryLook.Now();
                    allocatedAtLastTrim = look.AllocatedBytes;
                    var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
                    Trimmed(log, look.SlackBytes / 1048576, committed / 1048576);
                }

                previous = look;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Gives back what the process holds beyond its use: first what the holders of caches let go of (LiteDB's pages), so
    /// that the one collection after it compacts that too; then the GC's and the native heap's unused memory.
    /// </summary>
    internal void GiveBack()
    {
        foreach (var release in releases)
        {
            release.ReleaseAtIdle();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeapTrim.TryGiveBack();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idle: the GC gave back unused memory; it now holds {CommittedMb} MB ({SlackMb} MB unused)")]
    private static partial void Trimmed(ILogger logger, long slackMb, long committedMb);
}
