using System.Runtime.InteropServices;
using SupportBot.Hosting;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// The idle trim's second half: memory that native code freed goes back to the system, not only the GC's. Alone,
/// because it reads the process's resident set, which other tests' allocations would move. Linux with glibc, as
/// the product runs.
/// </summary>
[Collection(nameof(NativeHeapAlone))]
public sealed class NativeHeapTrimTests
{
    private const int Blocks = 64 * 1024;
    private const int BlockBytes = 1024;

    [Fact]
    public void Freed_native_memory_leaves_the_resident_set_after_the_trim()
    {
        // 64 MB in small blocks (malloc on Linux): below glibc's mmap threshold, so free() keeps them in the arena
        // instead of unmapping them. Written to, so that they are resident.
        var content = new byte[BlockBytes];
        Array.Fill(content, (byte)1);
        var blocks = new nint[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes);
            Marshal.Copy(content, 0, blocks[i], BlockBytes);
        }

        foreach (var block in blocks)
        {
            Marshal.FreeHGlobal(block);
        }

        var held = ResidentBytes();
        Assert.True(NativeHeapTrim.TryGiveBack());
        var after = ResidentBytes();

        Assert.True(held - after >= Blocks * BlockBytes / 2, $"resident {held >> 20} MB before the trim, {after >> 20} MB after");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

[CollectionDefinition(nameof(NativeHeapAlone), DisableParallelization = true)]
public sealed class NativeHeapAlone;
