using ArmRnn.Abstractions;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using BenchmarkDotNet.Attributes;

namespace ArmRnn.Benchmarks;

/// <summary>
/// Steps per second of the native engines (libarmrnn_plant) next to the managed OpenSim engine, all on one thread: one
/// simulated second (100 control steps of 10 ms, smoothly varying excitations) of 1 and 16 arms. Arm-steps per second
/// = 100 x Arms / Mean.
/// <list type="bullet">
/// <item>"native mujoco": the shared 6-muscle MuJoCo arm at its own 5 ms timestep. A different model (a generic planar
/// arm with MuJoCo muscles, not OpenSim's Arm26), so this compares the cost of the engines as a plant.</item>
/// <item>"native opensim": OpenSim's own code on the shared arm26.osim (Runge-Kutta-Merson 1e-5, the 49 channels of
/// the managed engine): the same model and settings as "managed arm26" (Runge-Kutta-Merson 1e-5, tabulated paths).
/// Listed only when the library was built against an OpenSim SDK (-DOpenSim_DIR; see docs/native.md).</item>
/// </list>
/// The native library is built and copied by native/ArmRnn.Native.targets (cmake and libmujoco-dev needed), or taken
/// from ARMRNN_NATIVE_PATH.
/// </summary>
public class NativePlantBenchmarks
{
    private IPlant _plant = null!;
    private double[] _states = null!;
    private double[] _requested = null!;
    private double[] _excitations = null!;

    /// <summary>The engine.</summary>
    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "native mujoco";

    /// <summary>The engines benchmarked: "native opensim" only where the native library has the OpenSim engine.</summary>
    public static IEnumerable<string> Engines()
    {
        yield return "native mujoco";
        if (HasNativeOpenSimEngine())
        {
            yield return "native opensim";
        }

        yield return "managed arm26";
    }

    /// <summary>Fraction of each joint's range around the home posture that starting postures are drawn from.</summary>
    private const double HomeRangeFraction = 0.1;

    /// <summary>Arms stepped together (on one thread).</summary>
    [Params(1, 16)]
    public int Arms { get; set; }

    /// <summary>Opens the plant and runs the benchmark once (the managed engine fills its path tables).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plant = Engine switch
        {
            "native mujoco" => new NativePlant(new NativePlantOptions { Engine = NativeEngine.MuJoCo, ModelPath = SharedModel("mujoco_tendon_arm_arm26.xml") }),
            "native opensim" => new NativePlant(new NativePlantOptions
            {
                Engine = NativeEngine.OpenSim,
                ModelPath = SharedModel("arm26.osim"),
                Channels = Arm26Layout.Full.ChannelNames,
                // Around the home posture: the middle of the shoulder's range lies past a discontinuity of OpenSim's
                // BIClong path that OpenSim's own integrator cannot step through (docs/native.md).
                InitialPosture = new Dictionary<string, double>
                {
                    [OpenSimChannelNames.CoordinateValue("r_shoulder", "r_shoulder_elev")] = Arm26Plant.HomePosture[0],
                    [OpenSimChannelNames.CoordinateValue("r_elbow", "r_elbow_flex")] = Arm26Plant.HomePosture[1],
                },
                InitialPostureRangeFraction = HomeRangeFraction,
            }),
            _ => new Arm26Plant(new OpenSimPlantOptions
            {
                MaxDegreeOfParallelism = 1,
                InitialPosture = Arm26Plant.HomePosture,
                InitialPostureRangeFraction = HomeRangeFraction,
            }),
        };
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

    private static bool HasNativeOpenSimEngine()
    {
        try
        {
            return NativePlant.IsEngineAvailable(NativeEngine.OpenSim);
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException)
        {
            Console.WriteLine($"NativePlantBenchmarks: the native library does not load, so no native OpenSim engine: {ex.Message}");
            return false;
        }
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
