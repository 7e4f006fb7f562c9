using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;
using Xunit.Abstractions;

namespace ArmRnn.Native.Tests;

/// <summary>
/// The native OpenSim engine (OpenSim's own C++ code behind libarmrnn_plant) and the managed engine, each re-running
/// the shared real OpenSim 4.3 runs of Arm26 (shared/reference/opensim43, see SOURCES.md there) from the same start
/// with the same excitations: each must reproduce the reference within the bars of the managed engine's validation
/// (docs/validation.md; <see cref="Arm26Agreement"/>), and the two engines must agree with each other within them.
/// Skipped, saying why, wherever the library was built without an OpenSim SDK (CI has none).
/// </summary>
public sealed class OpenSimEngineTests(ITestOutputHelper output)
{
    /// <summary>
    /// The reference runs drove OpenSim with excitations interpolated linearly between samples 10 ms (physiological)
    /// or 50 ms (random runs) apart; a plant holds its excitations over each control step. Holding, over 5 ms steps
    /// that tile the samples, the value at the middle of the step gives each step the same mean excitation as the
    /// linear ramp; what remains is the ramp's variation inside the step, which first-order activation dynamics with
    /// time constants of 10 ms and more smooth away.
    /// How the native engine's agreement with the reference depends on this step (measured, OpenSim 4.3 built here):
    /// 10 ms misses the activation bar (0.009 &gt; 0.005: the ramps are held too coarsely); 5 ms meets every bar
    /// (activations within 0.0024, lowest VAF 99.5%); 2.5 ms too; 2 ms misses the VAF bar on one channel (98.3% for
    /// TRImed's fiber velocity in the physiological run, a channel that is ill-conditioned at the 0.01 activation
    /// floor, where a tiny force difference moves the velocity a lot; it is 99.2-99.8% at the other steps); 1 ms and
    /// 0.5 ms meet every bar on two runs but not on random_seed2, for a reason that is OpenSim's model: TRIlong's
    /// path has an 8.5 mm spike about 1.4 mrad wide near shoulder -0.289 rad (<see cref="OpenSimPathSpikeTests"/>).
    /// The reference run's integrator stepped over it; a plant restarts its integrator at every control step, and on
    /// a 1 ms or 0.5 ms grid the native engine restarts at t = 0.149 s at shoulder -0.28827 rad, inside the spike:
    /// 2650 N of tendon force for an instant, the fiber stretches, the tendon goes slack, and the arm drifts 0.22 deg
    /// RMS (2.2 deg/s) from the reference. Which grids land in the spike is chance (the managed engine, 1e-5 rad
    /// away on the same grid, does not).
    /// </summary>
    private const double ControlStep = 0.005;

    /// <summary>The reference runs' sampling interval (s): states.sto has a row every 10 ms.</summary>
    private const double RecordInterval = 0.01;

    public static TheoryData<string> Runs() => ["physiological", "random_seed1", "random_seed2"];

    [OpenSimEngineTheory]
    [MemberData(nameof(Runs))]
    public void Native_and_managed_engines_both_reproduce_the_OpenSim_4_3_reference_run_and_agree_with_each_other(string run)
    {
        var folder = Path.Combine(RepositoryPaths.SharedReference, "opensim43", run);
        var reference = StorageFile.Read(Path.Combine(folder, "states.sto"));
        var controls = StorageFile.Read(Path.Combine(folder, "controls.sto"));
        var start = InitialState(folder);

        using var nativePlant = new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.OpenSim,
            ModelPath = Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
            ControlStep = ControlStep,
            Channels = Arm26Layout.Full.ChannelNames,
        });
        var managedPlant = new Arm26Plant(new OpenSimPlantOptions { ControlStep = ControlStep, MaxDegreeOfParallelism = 1 });
        Assert.Same(Arm26Layout.Full, nativePlant.Layout);
        Assert.Equal(managedPlant.ExcitationNames, nativePlant.ExcitationNames);

        var duration = reference.Time(reference.RowCount - 1);
        var native = Simulate(nativePlant, controls, start, duration);
        var managed = Simulate(managedPlant, controls, start, duration);

        var nativeAgreement = Arm26Agreement.Measure(reference, native);
        var managedAgreement = Arm26Agreement.Measure(reference, managed);
        var between = Arm26Agreement.Measure(managed, native);
        output.WriteLine("| run | engine | joint angle RMSE (deg) | max angle error (deg) | speed RMSE (deg/s) | max activation error | fiber length RMSE (% of optimal) | hand RMSE (mm) | lowest channel VAF (%) |");
        output.WriteLine($"| {run} | native OpenSim vs OpenSim 4.3 run {nativeAgreement}");
        output.WriteLine($"| {run} | managed vs OpenSim 4.3 run {managedAgreement}");
        output.WriteLine($"| {run} | native OpenSim vs managed {between}");

        Assert.Empty(nativeAgreement.MissedBars());
        Assert.Empty(managedAgreement.MissedBars());
        Assert.Empty(between.MissedBars());
    }

    /// <summary>Runs <paramref name="plant"/> (one arm) from <paramref name="start"/> under the reference's excitations
    /// for <paramref name="duration"/> s and records the state every 10 ms, from time 0.</summary>
    private static StorageTable Simulate(IPlant plant, StorageTable controls, double[] start, double duration)
    {
        var states = new double[start.Length];
        plant.Reset(start, states);
        var rows = new List<IReadOnlyList<double>> { (double[])[0.0, .. states] };
        var excitations = new double[plant.ExcitationNames.Count];
        var steps = (int)Math.Round(duration / ControlStep);
        var stepsPerRecord = (int)Math.Round(RecordInterval / ControlStep);
        for (var step = 0; step < steps; step++)
        {
            var middle = (step + 0.5) * ControlStep;
            for (var k = 0; k < excitations.Length; k++)
            {
                excitations[k] = controls.Interpolate(plant.ExcitationNames[k], middle);
            }

            plant.Step(excitations, states);
            if ((step + 1) % stepsPerRecord == 0)
            {
                rows.Add((double[])[(step + 1) * ControlStep, .. states]);
            }
        }

        return new StorageTable("states", [StorageTable.TimeLabel, .. plant.Layout.ChannelNames], rows);
    }

    /// <summary>The run's start as SOURCES.md describes it: <c>initial_state.sto</c> where the run has one (q, u and
    /// activations read there; fibers equilibrated by the plant), else q = 0, u = 0 and activation 0.</summary>
    private static double[] InitialState(string folder)
    {
        var state = new double[Arm26Layout.Full.Count];
        var path = Path.Combine(folder, "initial_state.sto");
        if (!File.Exists(path))
        {
            return state;
        }

        var initial = StorageFile.Read(path);
        if (initial.InDegrees)
        {
            initial = initial.ConvertDegreesToRadians(initial.ColumnLabels.Where(l => l.EndsWith("/value", StringComparison.Ordinal) || l.EndsWith("/speed", StringComparison.Ordinal)));
        }

        for (var i = 0; i < state.Length; i++)
        {
            state[i] = initial[0, Arm26Layout.Full[i].Name];
        }

        return state;
    }
}
