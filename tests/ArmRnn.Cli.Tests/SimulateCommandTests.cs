using ArmRnn.Cli;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Tests.Shared;
using Spectre.Console.Testing;

namespace ArmRnn.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-simulate-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_writes_OpenSim_columns_and_compare_finds_it_close_to_the_real_run()
    {
        var run = Path.Combine(RepositoryPaths.SharedReference, "opensim43", "random_seed2");
        var output = Path.Combine(_folder, "states.sto");
        var console = new TestConsole().Width(200);
        var exit = await CliApplication.RunAsync(
            ["simulate", "--controls", Path.Combine(run, "controls.sto"), "--initial-state", Path.Combine(run, "initial_state.sto"),
             "--duration", "0.3", "--outputs", "all", "--out", output], console);
        Assert.True(exit == 0, console.Output);
        var table = StorageFile.Read(output);
        Assert.Equal(31, table.RowCount);
        Assert.Equal(["time", .. Arm26Layout.Full.ChannelNames], table.ColumnLabels);

        var states = Path.Combine(_folder, "states16.sto");
        exit = await CliApplication.RunAsync(
            ["simulate", "--controls", Path.Combine(run, "controls.sto"), "--duration", "0.05", "--out", states], new TestConsole());
        Assert.Equal(0, exit);
        Assert.Equal(["time", .. Arm26Layout.OpenSimStates.ChannelNames], StorageFile.Read(states).ColumnLabels);

        var markdown = Path.Combine(_folder, "compare.md");
        console = new TestConsole().Width(200);
        exit = await CliApplication.RunAsync(
            ["compare", "--reference", Path.Combine(run, "states.sto"), "--actual", output, "--markdown", markdown, "--plots", _folder, "--name", "seed2"], console);
        Assert.True(exit == 0, console.Output);
        Assert.Contains("/jointset/r_elbow/r_elbow_flex/value", File.ReadAllText(markdown), StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(_folder, "seed2_joint_angles.png")).Length > 1000);
    }

    [Fact]
    public async Task A_missing_controls_file_is_one_clear_line()
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApplication.RunAsync(["simulate", "--controls", "/nonexistent/controls.sto", "--out", Path.Combine(_folder, "x.sto")], console);
        Assert.Equal(2, exit);
        Assert.Contains("--controls: no file '/nonexistent/controls.sto'", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console.Output, StringComparison.Ordinal);
    }
}
