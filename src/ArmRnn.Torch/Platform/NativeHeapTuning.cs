using System.Runtime.InteropServices;

namespace ArmRnn.Torch.Platform;

/// <summary>
/// Process-wide tuning of the C heap that LibTorch allocates tensors from. On Linux with glibc, malloc serves blocks
/// above a threshold with their own memory mappings and returns them to the system when freed; but by default the
/// threshold moves up to the largest block freed so far (up to 32 MB), after which training's mid-sized tensors come
/// from the heap, fragment it and keep it resident. Training ArmNet at 1024 units, batch 128 grows from about 600 MB by
/// about 0.7 MB per iteration that way; with a fixed threshold it stays near 240 MB (docs/benchmarks.md). Applications
/// may call <see cref="UseFixedMmapThreshold"/> once at start-up (it costs speed: every large tensor then gets a
/// fresh mapping); a library should not, since the setting belongs to the whole process. The trainers instead call
/// <see cref="ReleaseFreeMemory"/> between epochs, which keeps the same memory at full speed. The environment variable
/// <c>MALLOC_MMAP_THRESHOLD_</c> fixes the threshold without code.
/// </summary>
public static partial class NativeHeapTuning
{
    /// <summary>The threshold <see cref="UseFixedMmapThreshold"/> sets when none is given: 128 KiB, glibc's initial
    /// value, kept fixed.</summary>
    public const int DefaultMmapThreshold = 128 * 1024;

    // glibc's mallopt parameter number for the mmap threshold (malloc.h: M_MMAP_THRESHOLD).
    private const int MallocMmapThreshold = -3;

    /// <summary>Fixes glibc malloc's mmap threshold at <paramref name="thresholdBytes"/> (which also stops its dynamic
    /// adjustment). Returns true when the setting was applied; false where it does not apply (not Linux, or a C
    /// library without <c>mallopt</c>, such as musl), leaving the process unchanged.</summary>
    /// <param name="thresholdBytes">Blocks at least this large get their own mapping (glibc allows up to 32 MB on
    /// 64-bit systems).</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not between 4 KiB and 32 MiB.</exception>
    public static bool UseFixedMmapThreshold(int thresholdBytes = DefaultMmapThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdBytes, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(thresholdBytes, 32 * 1024 * 1024);
        return CallsGlibc(() => Mallopt(MallocMmapThreshold, thresholdBytes) == 1);
    }

    /// <summary>Returns the C heap's free pages to the system (glibc's <c>malloc_trim(0)</c>, which also releases whole
    /// free pages inside the heap, not only at its top). Cheap enough to call once per training epoch or iteration:
    /// with glibc's default moving threshold it keeps the resident set at what LibTorch actually holds. Returns true
    /// when memory was released, false when there was none or the C library is not glibc.</summary>
    public static bool ReleaseFreeMemory()
    {
        return CallsGlibc(() => MallocTrim(0) == 1);
    }

    /// <summary>Runs <paramref name="call"/> on Linux; false elsewhere or when the C library lacks the function.</summary>
    private static bool CallsGlibc(Func<bool> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return call();
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
