using ArmRnn.Controllers;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Plants;
using BenchmarkDotNet.Attributes;

namespace ArmRnn.Benchmarks;

/// <summary>
/// The cost of the Core loop machinery itself: 100 control steps of the linear point-mass plant driven by replayed
/// excitations. Anything allocated per step would show in the Allocated column beyond the result arrays.
/// </summary>
public class ClosedLoopBenchmarks
{
    private const int Steps = 100;
    private ClosedLoop _loop = null!;
    private TrajectoryArray _initial = null!;
    private TaskInputSequence _inputs = null!;

    /// <summary>Arms simulated in parallel.</summary>
    [Params(1, 128)]
    public int BatchSize { get; set; }

    /// <summary>Builds the loop.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var plant = new PointMassPlant();
        var excitations = new TrajectoryArray(BatchSize, Steps, plant.ExcitationNames.Count);
        excitations.AsSpan().Fill(0.3);
        _loop = new ClosedLoop(plant, new ReplayController(excitations, plant.ExcitationNames));
        _initial = new TrajectoryArray(BatchSize, 1, plant.Layout.Count);
        _inputs = TaskInputSequence.None(BatchSize, Steps);
    }

    /// <summary>One run of 100 steps.</summary>
    [Benchmark]
    public TrajectoryBatch Run100Steps() => _loop.Run(_initial, _inputs);
}
