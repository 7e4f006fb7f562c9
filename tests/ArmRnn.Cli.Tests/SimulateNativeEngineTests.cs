using ArmRnn.Cli;
using ArmRnn.Data;
using ArmRnn.OpenSim.Native;
using ArmRnn.Tests.Shared;
using Spectre.Console.Testing;

namespace ArmRnn.Cli.Tests;

public sealed class SimulateNativeEngineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("armrnn-simulate-native-").FullName;

    private static string MuJoCoArm => Path.Combine(RepositoryPaths.SharedReference, "mujoco_tendon_arm_arm26.xml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [NativeMuJoCoFact]
    public async Task The_MuJoCo_engine_simulates_an_MJCF_model_and_the_excited_flexor_flexes_the_elbow()
    {
        string[] muscles = ["SF", "SE", "EF", "EE", "BF", "BE"];
        var controls = Path.Combine(_folder, "controls.sto");
        StorageFile.Write(controls, new StorageTable("controls", ["time", .. muscles], [[0, 0, 0, 1, 0, 0, 0], [0.2, 0, 0, 1, 0, 0, 0]]));
        var initial = Path.Combine(_folder, "initial.sto");
        StorageFile.Write(initial, new StorageTable("initial", ["time", "qpos/shoulder", "qpos/elbow"], [[0, 1.0, 1.0]]));
        var output = Path.Combine(_folder, "states.sto");

        var console = new TestConsole().Width(250);
        var exit = await CliApplication.RunAsync(
            ["simulate", "--engine", "native-mujoco", "--native-library", NativeMuJoCoFactAttribute.LibraryPath, "--model", MuJoCoArm,
             "--controls", controls, "--initial-state", initial, "--duration", "0.2", "--outputs", "all", "--out", output], console);
        Assert.True(exit == 0, console.Output);

        var table = StorageFile.Read(output);
        Assert.Equal(21, table.RowCount);
        Assert.Equal(0.2, table.Time(20), 12);
        Assert.Contains("site_xpos/s7/y", table.ColumnLabels);
        Assert.Equal(1.0, table[0, "qpos/elbow"]);
        // Full EF excitation for 0.2 s from rest flexes the elbow (its angle increases about +z) and shortens EF.
        Assert.True(table[20, "qpos/elbow"] > 1.3, $"elbow at 0.2 s: {table[20, "qpos/elbow"]} rad");
        Assert.True(table[20, "ten_length/EF"] < table[0, "ten_length/EF"]);

        // --outputs states: MuJoCo's state (qpos, qvel, act).
        exit = await CliApplication.RunAsync(
            ["simulate", "--engine", "native-mujoco", "--native-library", NativeMuJoCoFactAttribute.LibraryPath, "--model", MuJoCoArm,
             "--controls", controls, "--duration", "0.05", "--out", output], new TestConsole());
        Assert.Equal(0, exit);
        Assert.Equal(["time", "qpos/shoulder", "qpos/elbow", "qvel/shoulder", "qvel/elbow", .. muscles.Select(m => $"act/{m}")], StorageFile.Read(output).ColumnLabels);
    }

    [NativeMuJoCoFact]
    public async Task The_OpenSim_engine_missing_from_the_library_is_one_clear_line()
    {
        if (NativePlant.IsEngineAvailable(NativeEngine.OpenSim, NativeMuJoCoFactAttribute.LibraryPath))
        {
            return; // a library built against an OpenSim SDK has the engine
        }

        var console = new TestConsole().Width(250);
        var exit = await CliApplication.RunAsync(
            ["simulate", "--engine", "native-opensim", "--native-library", NativeMuJoCoFactAttribute.LibraryPath,
             "--model", Path.Combine(RepositoryPaths.SharedReference, "arm26.osim"),
             "--controls", Path.Combine(RepositoryPaths.SharedReference, "opensim43", "random_seed2", "controls.sto"), "--out", Path.Combine(_folder, "x.sto")], console);
        Assert.Equal(2, exit);
        Assert.Contains("without the OpenSim engine", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus", "arm26", "--engine must be 'managed', 'native-opensim' or 'native-mujoco'; it is 'bogus'")]
    [InlineData("native-mujoco", "arm26", "--engine native-mujoco needs a model file (--model)")]
    public async Task Engine_options_are_validated(string engine, string model, string message)
    {
        var console = new TestConsole().Width(250);
        var exit = await CliApplication.RunAsync(
            ["simulate", "--engine", engine, "--model", model, "--controls", "c.sto", "--out", Path.Combine(_folder, "x.sto")], console);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, console.Output, StringComparison.Ordinal);
    }
}
