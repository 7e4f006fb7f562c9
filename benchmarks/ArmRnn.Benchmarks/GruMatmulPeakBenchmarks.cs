using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace ArmRnn.Benchmarks;

/// <summary>
/// The machine's float32 matrix-multiply rate through TorchSharp (LibTorch's BLAS), the physical limit the GRU
/// benchmarks are compared with: one 1024 × 1024 by 1024 × 1024 product is 2·1024³ FLOP.
/// </summary>
public class GruMatmulPeakBenchmarks
{
    private Tensor _a = null!;
    private Tensor _b = null!;

    /// <summary>Torch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Creates the operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _a = torch.rand(1024, 1024);
        _b = torch.rand(1024, 1024);
    }

    /// <summary>Frees the native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
    }

    /// <summary>One 1024³ matrix product.</summary>
    [Benchmark]
    public long MatMul1024()
    {
        using var c = torch.mm(_a, _b);
        return c.shape[0];
    }
}
