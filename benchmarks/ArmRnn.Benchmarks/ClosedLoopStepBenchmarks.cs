using ArmRnn.Abstractions;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Networks;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ArmRnn.Benchmarks;

/// <summary>
/// One closed-loop control step through the library's interfaces: ControllerNet (<see cref="IController.Act"/>) then
/// ArmNet (<see cref="IPlant.Step"/>), both GRUs of the same size, batched, on the CPU, no gradients. The baseline is
/// the loop's two GRU cells alone: two distinct GRUs of the same sizes and inputs (13 for the controller: 3 task inputs
/// and 10 states; 6 excitations for ArmNet) stepped one after the other through <see cref="GruStepCell"/>, the cell
/// the networks step with (the target: the loop at most 1.3 times that). Two distinct cells matter at hidden 1024, where each holds 12.6 MB
/// of weights: one cell stepped repeatedly (<see cref="GruBenchmarks"/>) keeps its weights in the cache, two alternating
/// cells do not.
/// </summary>
public class ClosedLoopStepBenchmarks
{
    private ArmNet _arm = null!;
    private ControllerNet _controller = null!;
    private double[] _inputs = [];
    private double[] _states = [];
    private double[] _excitations = [];
    private GRU _controllerGru = null!;
    private GRU _armGru = null!;
    private GruStepCell _controllerCell = null!;
    private GruStepCell _armCell = null!;
    private torch.Tensor _controllerCellInput = null!;
    private torch.Tensor _armCellInput = null!;
    private torch.Tensor _controllerCellHidden = null!;
    private torch.Tensor _armCellHidden = null!;

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

        var controllerInputs = ReachTaskInputs.Names.Count + plant.Layout.Count;
        _controllerGru = nn.GRU(controllerInputs, Hidden, batchFirst: true);
        _armGru = nn.GRU(plant.ExcitationNames.Count, Hidden, batchFirst: true);
        _controllerCell = new GruStepCell(_controllerGru, controllerInputs, Hidden);
        _armCell = new GruStepCell(_armGru, plant.ExcitationNames.Count, Hidden);
        _controllerCellInput = torch.rand(Batch, controllerInputs);
        _armCellInput = torch.rand(Batch, plant.ExcitationNames.Count);
        _controllerCellHidden = torch.rand(Batch, Hidden);
        _armCellHidden = torch.rand(Batch, Hidden);
    }

    /// <summary>Frees the native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _arm.Dispose();
        _controller.Dispose();
        _controllerCell.Dispose();
        _armCell.Dispose();
        _controllerGru.Dispose();
        _armGru.Dispose();
        _controllerCellInput.Dispose();
        _armCellInput.Dispose();
        _controllerCellHidden.Dispose();
        _armCellHidden.Dispose();
    }

    /// <summary>The loop's two GRU cells alone: the controller's, then ArmNet's (the baseline of the ratio).</summary>
    [Benchmark(Baseline = true)]
    public long TwoGruCells()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var controllerHidden = _controllerCell.Step(_controllerCellInput, _controllerCellHidden);
        var armHidden = _armCell.Step(_armCellInput, _armCellHidden);
        return controllerHidden.shape[0] + armHidden.shape[0];
    }

    /// <summary>Controller act + ArmNet step.</summary>
    [Benchmark]
    public double Step()
    {
        _controller.Act(_inputs, _states, _excitations);
        _arm.Step(_excitations, _states);
        return _states[0];
    }

    /// <summary>The controller's half of <see cref="Step"/>: where its time goes.</summary>
    [Benchmark]
    public double ControllerAct()
    {
        _controller.Act(_inputs, _states, _excitations);
        return _excitations[0];
    }

    /// <summary>ArmNet's half of <see cref="Step"/> (the same excitations every call).</summary>
    [Benchmark]
    public double ArmNetStep()
    {
        _arm.Step(_excitations, _states);
        return _states[0];
    }
}
