using ArmRnn.Abstractions;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace ArmRnn.Benchmarks;

/// <summary>
/// One closed-loop control step through the library's interfaces: ControllerNet (<see cref="IController.Act"/>) then
/// ArmNet (<see cref="IPlant.Step"/>), both GRUs of the same size, batched, on the CPU, no gradients. Compare with two
/// <c>GRUCell</c> forward steps of <see cref="GruBenchmarks"/> (the target: at most 1.3 times).
/// </summary>
public class ClosedLoopStepBenchmarks
{
    private ArmNet _arm = null!;
    private ControllerNet _controller = null!;
    private double[] _inputs = [];
    private double[] _states = [];
    private double[] _excitations = [];

    /// <summary>Hidden units of both networks.</summary>
    [Params(256, 1024)]
    public int Hidden { get; set; }

    /// <summary>Arms in parallel.</summary>
    [Params(1, 32, 128)]
    public int Batch { get; set; }

    /// <summary>Torch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds untrained networks for the point-mass plant's layout (10 states, 6 muscles).</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        var plant = new PointMassPlant();
        var normalization = ChannelNormalization.Identity(plant.Layout.ChannelNames);
        _arm = new ArmNet(plant.Layout, plant.ExcitationNames, plant.Dt, normalization, new ArmNetOptions { HiddenSize = Hidden }, torch.CPU);
        _controller = new ControllerNet(plant.Layout, ReachTaskInputs.Names, plant.ExcitationNames, normalization, new ControllerNetOptions { HiddenSize = Hidden }, torch.CPU);
        _states = new double[Batch * plant.Layout.Count];
        var requested = new double[_states.Length];
        plant.SampleInitialStates(new DeterministicRandom(1), requested);
        _arm.Reset(requested, _states);
        _controller.Reset(new ControllerContext(plant.Layout, ReachTaskInputs.Names, Batch, plant.Dt));
        _inputs = new double[Batch * 3];
        _excitations = new double[Batch * plant.ExcitationNames.Count];
    }

    /// <summary>Frees the native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _arm.Dispose();
        _controller.Dispose();
    }

    /// <summary>Controller act + ArmNet step.</summary>
    [Benchmark]
    public double Step()
    {
        _controller.Act(_inputs, _states, _excitations);
        _arm.Step(_excitations, _states);
        return _states[0];
    }
}
