using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Model;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Tests.Shared;

namespace ArmRnn.OpenSim.Tests.Validation;

/// <summary>The real OpenSim 4.3 runs of Arm26 in shared/reference/opensim43 and our simulations of them.</summary>
internal static class OpenSimReferenceRuns
{
    public static readonly string[] Names = ["physiological", "random_seed1", "random_seed2"];

    private static readonly Dictionary<string, Lazy<(StorageTable Reference, StorageTable Simulated)>> Cache =
        Names.ToDictionary(n => n, n => new Lazy<(StorageTable, StorageTable)>(() => Run(n)));

    public static (StorageTable Reference, StorageTable Simulated) Get(string name) => Cache[name].Value;

    public static string Folder(string name) => Path.Combine(RepositoryPaths.SharedReference, "opensim43", name);

    private static (StorageTable, StorageTable) Run(string name)
    {
        var folder = Folder(name);
        var reference = StorageFile.Read(Path.Combine(folder, "states.sto"));
        var controls = StorageFile.Read(Path.Combine(folder, "controls.sto"));
        var simulator = new ArmSimulator(Arm26Model.Create(), new OpenSimPlantOptions(), [Arm26Layout.HandMarker]);
        var schedule = InterpolatedExcitations.FromStorage(controls, simulator.MuscleNames);
        var n = simulator.Coordinates.Count;
        var q = new double[n];
        var u = new double[n];
        var a = new double[simulator.MuscleNames.Count];
        var initialPath = Path.Combine(folder, "initial_state.sto");
        if (File.Exists(initialPath))
        {
            var initial = StorageFile.Read(initialPath);
            for (var j = 0; j < n; j++)
            {
                var c = simulator.Coordinates[j];
                q[j] = initial[0, OpenSimChannelNames.CoordinateValue(c.Joint, c.Coordinate)];
                u[j] = initial[0, OpenSimChannelNames.CoordinateSpeed(c.Joint, c.Coordinate)];
            }

            for (var k = 0; k < a.Length; k++)
            {
                a[k] = initial[0, OpenSimChannelNames.MuscleState(simulator.MuscleNames[k], "activation")];
            }
        }

        var result = simulator.Run(schedule, q, u, a, duration: 1.0, outputInterval: 0.01);
        return (reference, result.ToStorageTable(simulator.Layout));
    }
}
