using ArmRnn.Cli;
using ArmRnn.Data;
using ArmRnn.Plants;
using Spectre.Console.Testing;

namespace ArmRnn.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-cli-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_reaches_every_target_and_writes_a_readable_dataset()
    {
        var console = new TestConsole().Width(200);
        var output = Path.Combine(_folder, "demo.h5");
        var exit = await CliApplication.RunAsync(["demo", "--out", output, "--targets", "4"], console);
        Assert.True(exit == 0, console.Output);
        Assert.Contains("Mean endpoint error", console.Output, StringComparison.Ordinal);

        var batch = TrajectoryBatchHdf5.Read(output);
        Assert.Equal(4, batch.BatchSize);
        Assert.Equal(new PointMassPlant().Layout.ChannelNames, batch.Layout.ChannelNames);
        // The scripted controller tracks a 10 cm minimum-jerk reach; at the end the hand is within 2 mm of the
        // target (it settles to well under 1 mm; 2 mm leaves room for gain changes without hiding a failure to
        // reach, which would leave it ~100 mm away).
        for (var b = 0; b < 4; b++)
        {
            var angle = 2 * Math.PI * b / 4;
            var x = batch.States[b, batch.Steps - 1, 0];
            var y = batch.States[b, batch.Steps - 1, 1];
            Assert.InRange(Math.Sqrt(Math.Pow(x - (0.1 * Math.Cos(angle)), 2) + Math.Pow(y - (0.1 * Math.Sin(angle)), 2)), 0, 0.002);
        }
    }

    [Fact]
    public async Task Bad_options_give_one_clear_line_and_a_usage_exit_code()
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApplication.RunAsync(["demo", "--targets", "0"], console);
        Assert.NotEqual(0, exit);
        Assert.Contains("--targets must be in [1, 360]; it is 0", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickStart_sample_runs_and_writes_its_file()
    {
        var output = Path.Combine(_folder, "quickstart.h5");
        Directory.CreateDirectory(_folder);
        var entry = System.Reflection.Assembly.Load("QuickStart").EntryPoint!;
        var exit = entry.Invoke(null, [new[] { output }]);
        Assert.Equal(0, exit);
        Assert.Equal(8, TrajectoryBatchHdf5.Read(output).BatchSize);
    }
}
