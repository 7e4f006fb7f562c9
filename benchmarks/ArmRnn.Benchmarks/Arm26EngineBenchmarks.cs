using ArmRnn.OpenSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace ArmRnn.Benchmarks;

/// <summary>
/// Speed of the managed OpenSim engine on Arm26: one arm for one simulated second (100 control steps of 10 ms) at
/// OpenSim's accuracy (Runge-Kutta-Merson, 1e-5) and with the fixed-step integrator, exact and tabulated paths; and
/// a batch of 128 arms stepped on all cores. Path tables are warmed in the setup (they are filled lazily, once per
/// plant, in the regions the arms visit). Simulated seconds per wall second = 1 s / Mean for the one-arm rows.
/// </summary>
public class Arm26EngineBenchmarks
{
    private Arm26Plant _plant = null!;
    private double[] _requested = null!;
    private double[] _states = null!;
    private double[] _excitations = null!;

    /// <summary>Integrator and path evaluation.</summary>
    [Params("rkm 1e-5, tabulated", "rkm 1e-5, exact", "fixed 0.5 ms, tabulated")]
    public string Engine { get; set; } = "rkm 1e-5, tabulated";

    /// <summary>Arms stepped together (all cores).</summary>
    [Params(1, 128)]
    public int Arms { get; set; }

    /// <summary>Builds the plant and warms its path tables with one pass of the benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plant = new Arm26Plant(new OpenSimPlantOptions
        {
            Integrator = Engine.StartsWith("fixed", StringComparison.Ordinal) ? IntegratorKind.FixedStepRungeKutta : IntegratorKind.RungeKuttaMerson,
            PathEvaluation = Engine.EndsWith("exact", StringComparison.Ordinal) ? PathEvaluation.Exact : PathEvaluation.Tabulated,
        });
        var c = _plant.Layout.Count;
        _requested = new double[Arms * c];
        for (var b = 0; b < Arms; b++)
        {
            _requested[b * c] = -0.3 + (0.6 * b / Math.Max(1, Arms - 1));
            _requested[(b * c) + 1] = 0.4 + (0.8 * b / Math.Max(1, Arms - 1));
            foreach (var k in Enumerable.Range(0, 6))
            {
                _requested[(b * c) + 7 + (7 * k)] = 0.05;
            }
        }

        _states = new double[_requested.Length];
        _excitations = new double[Arms * 6];
        SimulateOneSecond();
    }

    /// <summary>One simulated second: 100 control steps with smoothly varying excitations.</summary>
    [Benchmark]
    public double SimulateOneSecond()
    {
        _plant.Reset(_requested, _states);
        for (var step = 0; step < 100; step++)
        {
            for (var i = 0; i < _excitations.Length; i++)
            {
                _excitations[i] = 0.3 + (0.25 * Math.Sin((0.12 * step) + (1.3 * i)));
            }

            _plant.Step(_excitations, _states);
        }

        return _states[0];
    }
}
