using System.Runtime.InteropServices;

namespace SupportBot.Hosting;

/// <summary>
/// glibc's allocator keeps the memory that native code (the runtime itself, the JIT, OpenSSL, ICU) freed during a
/// busy spell in its arenas, so a compacted GC heap alone does not bring the resident set
/// down after a load peak. <c>malloc_trim</c> hands the free tops and free whole pages of every arena back to the
/// system. Only glibc has it: on musl or another OS the entry point is missing and nothing is done.
/// </summary>
internal static class NativeHeapTrim
{
    private static bool missing;

    /// <summary>
    /// Gives free native heap back to the system: true when some was given back; false when there was none to give,
    /// or this C library cannot (then it is not asked again).
    /// </summary>
    public static bool TryGiveBack()
    {
        if (missing || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // 0: keep no extra padding at the top of the main heap.
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            missing = true;
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
