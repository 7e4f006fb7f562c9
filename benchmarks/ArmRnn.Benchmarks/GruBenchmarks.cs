using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Benchmarks;

/// <summary>
/// GRU throughput as ArmRnn runs it on the CPU: <c>nn.GRU</c> over a 100-step sequence through
/// <see cref="ArmRnn.Torch.Networks.GruSequence"/> and one GRU step at a time, 100 times, through
/// <see cref="ArmRnn.Torch.Networks.GruStepCell"/> (what ArmNet's <c>IPlant.Step</c> and ControllerNet's
/// <c>IController.Act</c> run), forward only or forward and backward, at ArmNet's input size (6 excitations). Forward
/// only, both are ArmRnn's own float32 kernel; forward and backward, ArmRnn's autograd nodes (one per sequence, one per
/// step) with the kernel's forward pass and ArmRnn's backward pass. Times are per step
/// (OperationsPerInvoke = 100); <c>benchmarks/pytorch/gru_benchmark.py</c> times the same operations in PyTorch.
/// One GRU step costs 6·H·(I + H)·B multiply-adds forward (about twice that again backward).
/// </summary>
public class GruBenchmarks
{
    private const int Steps = 100;
    private const int Inputs = 6;
    private GRU _gru = null!;
    private ArmRnn.Torch.Networks.GruStepCell _cell = null!;
    private Tensor _sequence = null!;
    private Tensor _h0 = null!;
    private Tensor _cellH0 = null!;

    /// <summary>Hidden units.</summary>
    [Params(256, 1024)]
    public int Hidden { get; set; }

    /// <summary>Sequences in parallel.</summary>
    [Params(1, 32, 128)]
    public int Batch { get; set; }

    /// <summary>Whether to run the backward pass too.</summary>
    [Params(false, true)]
    public bool Backward { get; set; }

    /// <summary>Torch intra-op threads (1 and 2, the two settings).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Creates the modules and inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _gru = nn.GRU(Inputs, Hidden, batchFirst: true);
        _cell = new ArmRnn.Torch.Networks.GruStepCell(_gru, Inputs, Hidden);
        _sequence = torch.rand(Batch, Steps, Inputs);
        _h0 = torch.zeros(1, Batch, Hidden);
        _cellH0 = torch.zeros(Batch, Hidden);
    }

    /// <summary>Frees the native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _gru.Dispose();
        _cell.Dispose();
        _sequence.Dispose();
        _h0.Dispose();
        _cellH0.Dispose();
    }

    /// <summary>The <c>nn.GRU</c> module over the whole sequence (one call) through
    /// <see cref="ArmRnn.Torch.Networks.GruSequence.Run"/>: the module itself forward only, ArmRnn's own backward pass
    /// when training.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public float GruSequence()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.set_grad_enabled(Backward);
        var (output, _) = ArmRnn.Torch.Networks.GruSequence.Run(_gru, _sequence, _h0, batchFirst: true);
        var loss = output.sum();
        if (Backward)
        {
            _gru.zero_grad();
            loss.backward();
        }

        return loss.item<float>();
    }

    /// <summary>One step per call (how a closed loop must run it), through the step cell bound to the same GRU.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public float GruCellSteps()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.set_grad_enabled(Backward);
        var h = _cellH0;
        var total = torch.zeros(1);
        for (var t = 0; t < Steps; t++)
        {
            h = _cell.Step(_sequence.select(1, t), h);
            total = total + h.sum();
        }

        if (Backward)
        {
            _gru.zero_grad();
            total.backward();
        }

        return total.item<float>();
    }
}
