using ArmRnn.Layouts;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests;

/// <summary>
/// OpenSim 4.3's wrapping gives TRIlong's path in arm26.osim a narrow spike: near shoulder elevation -0.289 rad (elbow
/// 1.6 rad) the path is 8.5 mm longer over about 1.4 mrad of shoulder angle (docs/validation.md lists it as found while
/// porting). The native engine is OpenSim itself, so it is the reference here: the managed engine, evaluating paths
/// exactly, must give the same muscle-tendon lengths at every posture of a sweep through the spike, spike included.
/// </summary>
public sealed class OpenSimPathSpikeTests
{
    [OpenSimEngineFact]
    public void The_managed_engine_reproduces_OpenSims_muscle_tendon_lengths_through_the_TRIlong_wrap_spike()
    {
        const int arms = 81;
        const double elbow = 1.6;
        using var native = new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.OpenSim,
            ModelPath = Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
            Channels = Arm26Layout.Full.ChannelNames,
        });
        var managed = new Arm26Plant(new OpenSimPlantOptions { PathEvaluation = PathEvaluation.Exact, MaxDegreeOfParallelism = 1 });
        var layout = Arm26Layout.Full;
        var c = layout.Count;
        var shoulder = layout.IndexOf(OpenSimChannelNames.CoordinateValue("r_shoulder", "r_shoulder_elev"));
        var requested = new double[arms * c];
        for (var b = 0; b < arms; b++)
        {
            // Shoulder from -0.2910 to -0.2870 rad in steps of 0.05 mrad, at rest, activation 0.4.
            requested[(b * c) + shoulder] = -0.291 + (b * 0.00005);
            requested[(b * c) + layout.IndexOf(OpenSimChannelNames.CoordinateValue("r_elbow", "r_elbow_flex"))] = elbow;
            foreach (var muscle in Arm26Layout.MuscleNames)
            {
                requested[(b * c) + layout.IndexOf(OpenSimChannelNames.MuscleState(muscle, "activation"))] = 0.4;
            }
        }

        var nativeStates = new double[requested.Length];
        var managedStates = new double[requested.Length];
        native.Reset(requested, nativeStates);
        managed.Reset(requested, managedStates);

        var trilong = layout.IndexOf(OpenSimChannelNames.MuscleOutput("TRIlong", "length"));
        var lengths = Enumerable.Range(0, arms).Select(b => nativeStates[(b * c) + trilong]).ToArray();
        // The sweep must cross the spike: some posture's TRIlong path is more than 5 mm longer than the shortest one.
        Assert.True(lengths.Max() - lengths.Min() > 0.005, $"no spike in TRIlong's length over the sweep: {lengths.Min()} to {lengths.Max()} m");
        foreach (var muscle in Arm26Layout.MuscleNames)
        {
            var channel = layout.IndexOf(OpenSimChannelNames.MuscleOutput(muscle, "length"));
            for (var b = 0; b < arms; b++)
            {
                // Both evaluate OpenSim 4.3's path algorithms in double precision; docs/validation.md measures 6e-11 m
                // against OpenSim's own output, so 1e-9 m leaves room for rounding only.
                var expected = nativeStates[(b * c) + channel];
                var actual = managedStates[(b * c) + channel];
                Assert.True(Math.Abs(actual - expected) <= 1e-9, $"{muscle} at shoulder {requested[(b * c) + shoulder]:0.#####} rad: OpenSim {expected} m, managed {actual} m");
            }
        }
    }
}
