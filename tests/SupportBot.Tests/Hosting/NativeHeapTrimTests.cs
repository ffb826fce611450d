using System.Runtime.InteropServices;
using SupportBot.Hosting;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// The idle trim's second half: memory that native code freed goes back to the system, not only the GC's. Linux with
/// glibc, as the product runs.
/// </summary>
/// <remarks>
/// The test asks the kernel about the freed blocks' own pages (<c>mincore</c>), not about the whole process: after
/// the rest of the suite the test host holds gigabytes and its other threads move the resident set by more than the
/// 64 MB freed here. Still alone: another test's allocation could take the freed blocks back between the free and
/// the trim.
/// </remarks>
[Collection(nameof(NativeHeapAlone))]
public sealed class NativeHeapTrimTests
{
    private const int Blocks = 1024;
    private const int BlockBytes = 64 * 1024;
    private const int PageBytes = 4096;

    [Fact]
    public void Freed_native_memory_leaves_the_resident_set_after_the_trim()
    {
        // 64 MB in blocks of 64 KB (malloc on Linux): below glibc's mmap threshold, so free() keeps them in an arena
        // instead of unmapping them; each holds whole pages, which the trim gives back. Written to, so they are resident.
        var content = new byte[BlockBytes];
        Array.Fill(content, (byte)1);
        var blocks = new nint[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes);
            Marshal.Copy(content, 0, blocks[i], BlockBytes);
        }

        // A live block after them: without it the freed blocks can merge into the arena's free top, which free() itself
        // hands back once it is large (glibc's trim threshold), and there is nothing left for the trim to do (seen once
        // in CI: 28 pages resident before the trim). Freed below a live block, they stay until something trims them.
        var fence = Marshal.AllocHGlobal(BlockBytes);
        try
        {
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }

            var freedButHeld = ResidentPagesInside(blocks);
            Assert.True(NativeHeapTrim.TryGiveBack());
            var afterTrim = ResidentPagesInside(blocks);

            Assert.True(freedButHeld > 0 && afterTrim <= freedButHeld / 4, $"{freedButHeld} of the freed blocks' pages resident before the trim, {afterTrim} after");
        }
        finally
        {
            Marshal.FreeHGlobal(fence);
        }
    }

    /// <summary>Resident pages lying wholly inside the blocks (the allocator's own headers sit at their edges).</summary>
    private static int ResidentPagesInside(nint[] blocks)
    {
        var resident = 0;
        var vector = new byte[BlockBytes / PageBytes];
        foreach (var block in blocks)
        {
            var first = (block + PageBytes) & ~(nint)(PageBytes - 1);
            var end = (block + BlockBytes - PageBytes) & ~(nint)(PageBytes - 1);
            if (end <= first || MinCore(first, (nuint)(end - first), vector) != 0)
            {
                continue;
            }

            for (var page = 0; page < (end - first) / PageBytes; page++)
            {
                resident += vector[page] & 1;
            }
        }

        return resident;
    }

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MinCore(nint address, nuint length, [Out] byte[] vector);
}

[CollectionDefinition(nameof(NativeHeapAlone), DisableParallelization = true)]
public sealed class NativeHeapAlone;
