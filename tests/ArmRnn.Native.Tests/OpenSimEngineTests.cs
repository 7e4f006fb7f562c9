using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;
using ArmRnn.Native.Tests.TestSupport;
using ArmRnn.OpenSim.Native;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;

namespace ArmRnn.Native.Tests;

/// <summary>
/// The OpenSim engine against the managed engine on the shared OpenSim 4.3 runs of Arm26: both are driven by the same
/// held excitations from the same initial states and must agree within the bars the managed engine meets against
/// real OpenSim (joint angles 0.2° RMS and 0.5° max, speeds 1°/s RMS, activations 0.005 max, fiber lengths 0.5% of
/// the optimal length RMS). Skipped, saying why, wherever the library was built without an OpenSim SDK.
/// </summary>
public sealed class OpenSimEngineTests
{
    private const double Degrees = 180 / Math.PI;

    public static TheoryData<string> Runs() => ["physiological", "random_seed1", "random_seed2"];

    [OpenSimEngineTheory]
    [MemberData(nameof(Runs))]
    public void The_native_OpenSim_engine_agrees_with_the_managed_engine_on_the_reference_runs(string run)
    {
        var folder = Path.Combine(RepositoryPaths.SharedReference, "opensim43", run);
        var controls = StorageFile.Read(Path.Combine(folder, "controls.sto"));
        using var native = new NativePlant(new NativePlantOptions
        {
            Engine = NativeEngine.OpenSim,
            ModelPath = Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
            Channels = Arm26Layout.Full.ChannelNames,
        });
        var managed = new Arm26Plant(new OpenSimPlantOptions { MaxDegreeOfParallelism = 1 });
        Assert.Same(Arm26Layout.Full, native.Layout);
        Assert.Equal(managed.ExcitationNames, native.ExcitationNames);

        var start = InitialState(folder);
        var nativeStates = new double[start.Length];
        var managedStates = new double[start.Length];
        native.Reset(start, nativeStates);
        managed.Reset(start, managedStates);

        var steps = (int)Math.Round(Math.Min(1.0, controls.Time(controls.RowCount - 1)) / native.Dt);
        var excitations = new double[native.ExcitationNames.Count];
        var nativeRows = new List<IReadOnlyList<double>>();
        var managedRows = new List<IReadOnlyList<double>>();
        for (var step = 0; step < steps; step++)
        {
            // Held over the step at the controls' value at its midpoint.
            var t = (step + 0.5) * native.Dt;
            for (var k = 0; k < excitations.Length; k++)
            {
                excitations[k] = Math.Clamp(controls.Interpolate(native.ExcitationNames[k], t), 0, 1);
            }

            native.Step(excitations, nativeStates);
            managed.Step(excitations, managedStates);
            nativeRows.Add([(step + 1) * native.Dt, .. nativeStates]);
            managedRows.Add([(step + 1) * native.Dt, .. managedStates]);
        }

        string[] labels = ["time", .. Arm26Layout.Full.ChannelNames];
        var agreement = StorageComparison.Compare(new StorageTable("managed", labels, managedRows), new StorageTable("native", labels, nativeRows))
            .ToDictionary(a => a.Channel);
        foreach (var c in Arm26Layout.Coordinates)
        {
            var angle = agreement[OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate)];
            Assert.True(angle.Rmse * Degrees <= 0.2 && angle.MaxAbsError * Degrees <= 0.5, $"{run} {c.Coordinate}: RMSE {angle.Rmse * Degrees} deg, max {angle.MaxAbsError * Degrees} deg");
            var speed = agreement[OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate)];
            Assert.True(speed.Rmse * Degrees <= 1.0, $"{run} {c.Coordinate}: speed RMSE {speed.Rmse * Degrees} deg/s");
        }

        var model = ArmRnn.OpenSim.Model.Arm26Model.Create();
        foreach (var muscle in model.Muscles)
        {
            var activation = agreement[OpenSimChannelNames.MuscleState(muscle.Name, "activation")];
            Assert.True(activation.MaxAbsError <= 0.005, $"{run} {muscle.Name}: activation max error {activation.MaxAbsError}");
            var fiber = agreement[OpenSimChannelNames.MuscleState(muscle.Name, "fiber_length")];
            var percent = 100 * fiber.Rmse / muscle.Parameters.OptimalFiberLength;
            Assert.True(percent <= 0.5, $"{run} {muscle.Name}: fiber length RMSE {percent}% of optimal");
        }
    }

    private static double[] InitialState(string folder)
    {
        var state = new double[Arm26Layout.Full.Count];
        var path = Path.Combine(folder, "initial_state.sto");
        var initial = File.Exists(path) ? StorageFile.Read(path) : null;
        if (initial is { InDegrees: true })
        {
            initial = initial.ConvertDegreesToRadians(initial.ColumnLabels.Where(l => l.EndsWith("/value", StringComparison.Ordinal) || l.EndsWith("/speed", StringComparison.Ordinal)));
        }

        for (var i = 0; i < state.Length; i++)
        {
            var name = Arm26Layout.Full[i].Name;
            state[i] = initial is not null && initial.Contains(name) ? initial[0, name]
                : Arm26Layout.Full[i].Group == ChannelGroup.Activation ? 0.05 : 0;
        }

        return state;
    }
}
