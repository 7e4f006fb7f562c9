using ArmRnn.Layouts;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests.TestSupport;

/// <summary>
/// Arm26 at rest at a row of shoulder elevations (one arm per posture), reset on OpenSim itself (the native engine) and
/// on the managed engine with exact path evaluation, to compare muscle-tendon lengths where OpenSim's wrapping is not
/// smooth.
/// </summary>
internal sealed class Arm26PathSweep
{
    private Arm26PathSweep(double[] shoulder, double[] native, double[] managed)
    {
        Shoulder = shoulder;
        Native = native;
        Managed = managed;
    }

    /// <summary>The shoulder elevation of each arm (rad).</summary>
    public double[] Shoulder { get; }

    /// <summary>OpenSim's states after reset, <c>[arm, channel]</c> in <see cref="Arm26Layout.Full"/>.</summary>
    public double[] Native { get; }

    /// <summary>The managed engine's states after reset, same layout.</summary>
    public double[] Managed { get; }

    /// <summary>Resets <paramref name="arms"/> arms at shoulder <c>first + b · step</c>, the elbow at
    /// <paramref name="elbow"/>, every muscle at <paramref name="activation"/>, on both engines.</summary>
    public static Arm26PathSweep Run(double first, double step, int arms, double elbow, double activation)
    {
        using var native = new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.OpenSim,
            ModelPath = Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
            Channels = Arm26Layout.Full.ChannelNames,
        });
        var managed = new Arm26Plant(new OpenSimPlantOptions { PathEvaluation = PathEvaluation.Exact, MaxDegreeOfParallelism = 1 });
        var layout = Arm26Layout.Full;
        var c = layout.Count;
        var shoulder = Enumerable.Range(0, arms).Select(b => first + (b * step)).ToArray();
        var requested = new double[arms * c];
        for (var b = 0; b < arms; b++)
        {
            requested[(b * c) + layout.IndexOf(OpenSimChannelNames.CoordinateValue("r_shoulder", "r_shoulder_elev"))] = shoulder[b];
            requested[(b * c) + layout.IndexOf(OpenSimChannelNames.CoordinateValue("r_elbow", "r_elbow_flex"))] = elbow;
            foreach (var muscle in Arm26Layout.MuscleNames)
            {
                requested[(b * c) + layout.IndexOf(OpenSimChannelNames.MuscleState(muscle, "activation"))] = activation;
            }
        }

        var nativeStates = new double[requested.Length];
        var managedStates = new double[requested.Length];
        native.Reset(requested, nativeStates);
        managed.Reset(requested, managedStates);
        return new Arm26PathSweep(shoulder, nativeStates, managedStates);
    }

    /// <summary>OpenSim's muscle-tendon length of <paramref name="muscle"/> for each arm (m).</summary>
    public double[] NativeLengths(string muscle)
    {
        var c = Arm26Layout.Full.Count;
        var channel = Arm26Layout.Full.IndexOf(OpenSimChannelNames.MuscleOutput(muscle, "length"));
        return [.. Enumerable.Range(0, Shoulder.Length).Select(b => Native[(b * c) + channel])];
    }

    /// <summary>Asserts that the managed engine's muscle-tendon lengths equal OpenSim's within 1e-9 m for every muscle
    /// and arm: both evaluate OpenSim 4.3's path algorithms in double precision, and docs/validation.md measures 6e-11 m
    /// against OpenSim's own output, so 1e-9 m leaves room for rounding only.</summary>
    public void AssertManagedLengthsEqualOpenSims()
    {
        var c = Arm26Layout.Full.Count;
        foreach (var muscle in Arm26Layout.MuscleNames)
        {
            var channel = Arm26Layout.Full.IndexOf(OpenSimChannelNames.MuscleOutput(muscle, "length"));
            for (var b = 0; b < Shoulder.Length; b++)
            {
                var expected = Native[(b * c) + channel];
                var actual = Managed[(b * c) + channel];
                Assert.True(Math.Abs(actual - expected) <= 1e-9, $"{muscle} at shoulder {Shoulder[b]:0.######} rad: OpenSim {expected} m, managed {actual} m");
            }
        }
    }
}
