using System.Runtime.InteropServices;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// Runs a native callback on LibTorch's own OpenMP threads (GNU <c>libgomp</c>'s <c>GOMP_parallel</c>, resolved
/// through the loaded <c>libtorch_cpu.so</c>), so ArmRnn's kernels share the threads LibTorch's operations use instead
/// of competing with them.
/// </summary>
/// <remarks>
/// Why: after each parallel operation libgomp's workers spin for milliseconds (GOMP_SPINCOUNT) waiting for the next
/// one. A second .NET thread started meanwhile shares a core with a spinning worker; measured here, the two-thread
/// product at hidden 1024, batch 128 then took as long as on one thread (12.7 against 6.4 ms per step) whenever a
/// LibTorch operation ran between steps. Handing the work to the spinning workers is what they wait for. Where libgomp
/// cannot be found (Windows and macOS builds of LibTorch use other OpenMP runtimes, or a future LibTorch), callers
/// use .NET threads instead (<see cref="IsAvailable"/> is false). The entry points are resolved once per process and
/// never change afterwards.
/// </remarks>
internal static unsafe class LibTorchThreads
{
    private static readonly Lazy<nint> Parallel = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether LibTorch's libgomp was found (Linux builds of LibTorch; asking loads LibTorch if TorchSharp has
    /// not yet).</summary>
    public static bool IsAvailable => Parallel.Value != 0;

    /// <summary>Calls <paramref name="body"/>(<paramref name="state"/>) once on each of <paramref name="threads"/>
    /// OpenMP threads (the calling thread is one of them) and returns when all have returned. The callback must not
    /// throw.</summary>
    /// <exception cref="InvalidOperationException">libgomp was not found (check <see cref="IsAvailable"/> first).</exception>
    public static void Run(delegate* unmanaged<nint, void> body, nint state, int threads)
    {
        var parallel = Parallel.Value;
        if (parallel == 0)
        {
            throw new InvalidOperationException("LibTorch's OpenMP runtime (libgomp) was not found; use .NET threads.");
        }

        // void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
        ((delegate* unmanaged<delegate* unmanaged<nint, void>, nint, uint, uint, void>)parallel)(body, state, (uint)threads, 0);
    }

    private static nint Resolve()
    {
        // TorchSharp loads LibTorch on its first call: make sure that has happened, so the answer can be kept.
        _ = TorchSharp.torch.get_num_threads();

        // dlopen of an already loaded library's soname returns that library; dlsym on its handle searches it and its
        // dependencies, among them the libgomp LibTorch was linked against (its file name carries a build hash).
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libtorch_cpu.so", out var torch))
        {
            return 0;
        }

        return NativeLibrary.TryGetExport(torch, "GOMP_parallel", out var parallel) ? parallel : 0;
    }
}
