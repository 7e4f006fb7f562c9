using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Cli.Tests;

[Collection(GenerateTrainArmCollection.Name)]
public sealed class GenerateCommandTests(GenerateTrainArmFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-generate-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Generate_writes_the_requested_shape_on_arm26_with_excitations_in_the_requested_range()
    {
        var train = TrajectoryBatchHdf5.Read(fixture.TrainData);
        var test = TrajectoryBatchHdf5.Read(fixture.TestData);
        // 12 trajectories with the default test fraction 0.125: round(1.5) = 2 held out, 10 kept.
        Assert.Equal(10, train.BatchSize);
        Assert.Equal(2, test.BatchSize);
        Assert.All(new[] { train, test }, b => Assert.Equal(30, b.Steps));
        Assert.Equal(Arm26Layout.Full.ChannelNames, train.Layout.ChannelNames);
        Assert.Equal(6, train.ExcitationNames.Count);
        // The smooth random excitations are bounded by --excitation-min/max (defaults 0.02 and 0.5) by construction.
        foreach (var value in train.Excitations.AsSpan())
        {
            Assert.InRange(value, 0.02, 0.5);
        }

        Assert.False(Directory.Exists(fixture.TrainData + ".partial"));
        Assert.Contains($"Wrote 10 trajectories × 30 steps × {Arm26Layout.Full.Count} state channels", fixture.GenerateOutput, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(fixture.TrainData), fixture.GenerateOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_generate_continues_with_the_next_chunk_and_gives_the_uninterrupted_dataset()
    {
        Directory.CreateDirectory(_folder);
        string[] Args(string output) => ["generate", "--out", output, "--trajectories", "64", "--steps", "10", "--seed", "9"];
        var whole = Path.Combine(_folder, "whole.h5");
        await CommandLineRun.Succeed(Args(whole));

        // 64 trajectories are simulated as two chunks of 32; stop the run as soon as the first chunk is on disk.
        var interrupted = Path.Combine(_folder, "interrupted.h5");
        var firstChunk = Path.Combine(interrupted + ".partial", "chunk-00000.h5");
        using var cancellation = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(firstChunk))
            {
                await Task.Delay(2);
            }

            cancellation.Cancel();
        });
        var (exit, output) = await CommandLineRun.Run(cancellation.Token, Args(interrupted));
        await watcher;
        Assert.True(exit == 130, output);
        Assert.False(File.Exists(interrupted));
        Assert.True(File.Exists(firstChunk));

        var resumed = await CommandLineRun.Succeed(Args(interrupted));
        Assert.Contains("Continuing: 1 chunk(s)", resumed, StringComparison.Ordinal);
        var a = TrajectoryBatchHdf5.Read(whole);
        var b = TrajectoryBatchHdf5.Read(interrupted);
        // Each chunk is a function of the seed and its index only, so the resumed file holds exactly the same numbers.
        Assert.Equal(a.States.AsSpan().ToArray(), b.States.AsSpan().ToArray());
        Assert.Equal(a.Excitations.AsSpan().ToArray(), b.Excitations.AsSpan().ToArray());
        Assert.False(Directory.Exists(interrupted + ".partial"));
    }

    [Fact]
    public async Task Generate_with_a_controller_reaches_in_closed_loop_with_exploration_noise()
    {
        Directory.CreateDirectory(_folder);
        var output = Path.Combine(_folder, "reaches.h5");
        await CommandLineRun.Succeed("generate", "--controller", fixture.Controller, "--out", output, "--trajectories", "4",
            "--steps", GenerateTrainArmFixture.ControllerSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--noise", "0.1", "--seed", "4");
        var batch = TrajectoryBatchHdf5.Read(output);
        Assert.Equal(4, batch.BatchSize);
        Assert.Equal(GenerateTrainArmFixture.ControllerSteps, batch.Steps);
        Assert.Equal("closed-loop", batch.Provenance["source"]);
        Assert.Equal("0.1", batch.Provenance["exploration_noise_std"]);
        // The task inputs of reaches are recorded (the excitation generator's data have none).
        Assert.NotEmpty(batch.TaskInputs.Names);
        // Noisy excitations are clamped to [0, 1].
        foreach (var value in batch.Excitations.AsSpan())
        {
            Assert.InRange(value, 0.0, 1.0);
        }
    }

    [Fact]
    public async Task Print_config_round_trips_and_bad_options_are_one_line()
    {
        var config = await CommandLineRun.PrintConfigRoundTrips(_folder, "generate", "--out", "x.h5", "--trajectories", "7", "--cutoff", "3.5", "--posture-range", "0.2", "--model", "arm26");
        Assert.Equal(7, (int)config["InitialData"]!["Trajectories"]!);
        Assert.Equal(3.5, (double)config["InitialData"]!["Excitation"]!["CutoffFrequency"]!);
        Assert.Equal(0.2, (double)config["Plant"]!["DataPostureRange"]!);

        await CommandLineRun.FailsWithOneLine(["generate", "--out", "x.h5", "--mode", "sideways", "--controller", "c.ckpt"], "--mode", "sideways");
        await CommandLineRun.FailsWithOneLine(["generate", "--out", "x.h5", "--mode", "open", "--controller", fixture.Controller], "--armnet");
        await CommandLineRun.FailsWithOneLine(["generate", "--out", Path.Combine(_folder, "y.h5"), "--controller", "/nonexistent/c.ckpt"], "--controller", "/nonexistent/c.ckpt");
        await CommandLineRun.FailsWithOneLine(["generate", "--out", "x.h5", "--excitation-min", "0.7"], "Excitation");
    }
}
