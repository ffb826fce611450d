using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Common;
using SupportBot.Hosting;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// When the process gives memory back: only after a quiet spell, and only when the GC holds enough it does not use
/// to be worth a full collection's pause. (What the trim achieves is measured in bench/README.md, not asserted here.)
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1024 * 1024;
    private static readonly MemoryOptions Options = new();

    [Fact]
    public void A_quiet_spell_after_a_busy_one_trims() =>
        Assert.True(new MemoryLook(AllocatedBytes: 900 * Mb + 1 * Mb, SlackBytes: 120 * Mb).CallsForTrim(new MemoryLook(900 * Mb, 120 * Mb), allocatedAtLastTrim: 0, Options));

    [Fact]
    public void Turns_still_arriving_do_not_trim() =>
        Assert.False(new MemoryLook(AllocatedBytes: 900 * Mb + 50 * Mb, SlackBytes: 120 * Mb).CallsForTrim(new MemoryLook(900 * Mb, 120 * Mb), allocatedAtLastTrim: 0, Options));

    [Fact]
    public void Nothing_to_give_back_does_not_trim_again() =>
        Assert.False(new MemoryLook(AllocatedBytes: 900 * Mb, SlackBytes: 3 * Mb).CallsForTrim(new MemoryLook(900 * Mb, 3 * Mb), allocatedAtLastTrim: 900 * Mb, Options));

    // A small gen0 budget leaves little GC slack after a busy spell, but the native heap still holds what it freed.
    [Fact]
    public void A_busy_spell_since_the_last_trim_trims_even_with_little_slack() =>
        Assert.True(new MemoryLook(AllocatedBytes: 900 * Mb, SlackBytes: 3 * Mb).CallsForTrim(new MemoryLook(900 * Mb, 3 * Mb), allocatedAtLastTrim: 500 * Mb, Options));

    [Fact]
    public void A_few_turns_since_the_last_trim_do_not_trim_again() =>
        Assert.False(new MemoryLook(AllocatedBytes: 900 * Mb, SlackBytes: 3 * Mb).CallsForTrim(new MemoryLook(900 * Mb, 3 * Mb), allocatedAtLastTrim: 880 * Mb, Options));

    [Fact]
    public void The_look_reads_the_gc_of_this_process()
    {
        var before = MemoryLook.Now();
        var garbage = new byte[8 * Mb];
        GC.KeepAlive(garbage);
        var after = MemoryLook.Now();
        Assert.True(after.AllocatedBytes - before.AllocatedBytes >= garbage.Length);
        Assert.True(after.SlackBytes >= 0);
    }

    [Fact]
    public void Giving_back_asks_the_holders_of_caches_to_let_go_first()
    {
        var pages = new CountingRelease();
        var trim = new IdleMemoryTrim(Microsoft.Extensions.Options.Options.Create(Options), [pages], TimeProvider.System, NullLogger<IdleMemoryTrim>.Instance);

        trim.GiveBack();

        Assert.Equal(1, pages.Released);
    }

    private sealed class CountingRelease : IReleaseAtIdle
    {
        public int Released { get; private set; }

        public void ReleaseAtIdle() => Released++;
    }
}
