using System.Runtime.InteropServices;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// Runs parallel loops of the kernels on LibTorch's own OpenMP threads (GNU <c>libgomp</c>'s <c>GOMP_parallel</c>, resolved
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

    /// <summary>Calls <paramref name="body"/>(<paramref name="state"/>, i) for every chunk i in [0, <paramref name="chunks"/>)
    /// on up to <paramref name="threads"/> threads, each taking the next chunk when it is free (a thread that gets less
    /// of its core does fewer); returns when all are done. On LibTorch's OpenMP threads where they were found, else on
    /// .NET's; on the calling thread alone for one thread or one chunk. The body must not throw.</summary>
    public static void For(int chunks, int threads, delegate*<nint, int, void> body, nint state)
    {
        threads = Math.Min(threads, chunks);
        if (threads <= 1)
        {
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                body(state, chunk);
            }

            return;
        }

        var shared = new SharedChunks { Body = body, State = state, Chunks = chunks };
        var parallel = Parallel.Value;
        if (parallel != 0)
        {
            // void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
            ((delegate* unmanaged<delegate* unmanaged<nint, void>, nint, uint, uint, void>)parallel)(&TakeChunksNative, (nint)(&shared), (uint)threads, 0);
        }
        else
        {
            var address = &shared;
            System.Threading.Tasks.Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => TakeChunks(address));
        }
    }

    /// <summary>The OpenMP threads' entry point.</summary>
    [UnmanagedCallersOnly]
    private static void TakeChunksNative(nint shared) => TakeChunks((SharedChunks*)shared);

    private static void TakeChunks(SharedChunks* shared)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref shared->Taken) - 1) < shared->Chunks)
        {
            shared->Body(shared->State, chunk);
        }
    }

    private static nint Resolve()
    {
        // TorchSharp loads LibTorch on its first call: make sure that has happened, so the answer can be kept.
        try
        {
            _ = TorchSharp.torch.get_num_threads();
        }
        catch (TypeInitializationException)
        {
            return 0; // TorchSharp's native library does not load here: .NET threads.
        }

        // dlopen of an already loaded library's soname returns that library; dlsym on its handle searches it and its
        // dependencies, among them the libgomp LibTorch was linked against (its file name carries a build hash).
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libtorch_cpu.so", out var torch))
        {
            return 0;
        }

        return NativeLibrary.TryGetExport(torch, "GOMP_parallel", out var parallel) ? parallel : 0;
    }

    /// <summary>One parallel loop, on the calling thread's stack (it returns only after every thread is done).</summary>
    private struct SharedChunks
    {
        public delegate*<nint, int, void> Body;
        public nint State;
        public int Chunks;
        public int Taken;
    }
}
