using ArmRnn.Abstractions;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace ArmRnn.Benchmarks;

/// <summary>
/// Steps per second of the native MuJoCo engine (libarmrnn_plant, the shared 6-muscle MuJoCo arm at its own 5 ms
/// timestep) next to the managed OpenSim engine (Arm26, Runge-Kutta-Merson 1e-5, tabulated paths), both on one thread:
/// one simulated second (100 control steps of 10 ms, smoothly varying excitations) of 1 and 16 arms. Arm-steps per
/// second = 100 x Arms / Mean. The models differ (MuJoCo's arm is a generic planar arm with MuJoCo muscles, not
/// OpenSim's Arm26), so this compares the cost of the engines as a plant, not on one model. The native library is
/// built and copied by native/ArmRnn.Native.targets (cmake and libmujoco-dev needed).
/// </summary>
public class NativePlantBenchmarks
{
    private IPlant _plant = null!;
    private double[] _states = null!;
    private double[] _requested = null!;
    private double[] _excitations = null!;

    /// <summary>The engine.</summary>
    [Params("native mujoco", "managed arm26")]
    public string Engine { get; set; } = "native mujoco";

    /// <summary>Arms stepped together (on one thread).</summary>
    [Params(1, 16)]
    public int Arms { get; set; }

    /// <summary>Opens the plant and runs the benchmark once (the managed engine fills its path tables).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plant = Engine == "native mujoco"
            ? new NativePlant(new NativePlantOptions { Engine = NativeEngine.MuJoCo, ModelPath = SharedModel("mujoco_tendon_arm_arm26.xml") })
            : new Arm26Plant(new OpenSimPlantOptions { MaxDegreeOfParallelism = 1 });
        var c = _plant.Layout.Count;
        _requested = new double[Arms * c];
        _plant.SampleInitialStates(new Randomness.DeterministicRandom(1), _requested);
        _states = new double[Arms * c];
        _excitations = new double[Arms * _plant.ExcitationNames.Count];
        SimulateOneSecond();
    }

    /// <summary>Releases the native plant.</summary>
    [GlobalCleanup]
    public void Cleanup() => (_plant as IDisposable)?.Dispose();

    /// <summary>One simulated second: 100 control steps.</summary>
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

    private static string SharedModel(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArmRnn.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new DirectoryNotFoundException($"No ArmRnn.sln above {AppContext.BaseDirectory}; the benchmark needs ../shared/reference.")
            : Path.Combine(directory.FullName, "..", "shared", "reference", file);
    }
}
