using ArmRnn.Cli.Configuration;
using ArmRnn.Layouts;
using ArmRnn.Torch.Checkpoints;

namespace ArmRnn.Cli.Tests;

[Collection(GenerateTrainArmCollection.Name)]
public sealed class TrainControllerCommandTests(GenerateTrainArmFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-train-controller-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_controller_checkpoint_loads_and_keeps_the_task_it_was_trained_on()
    {
        using var controller = ControllerNetCheckpoint.Load(fixture.Controller, Arm26Layout.Full);
        Assert.Equal(8, controller.Options.HiddenSize);
        Assert.Equal(6, controller.ExcitationNames.Count);
        Assert.False(File.Exists(fixture.Controller + ".training"));
        Assert.Contains("Last iteration: loss", fixture.TrainControllerOutput, StringComparison.Ordinal);

        // The flags (--radius, --steps) and the partial --config file (go cue, movement time) both reached the task.
        var (task, steps) = ControllerCheckpointTask.Read(fixture.Controller, "--controller");
        Assert.Equal(GenerateTrainArmFixture.ControllerRadius, task.Radius);
        Assert.Equal(0.2, task.MovementTime);
        Assert.Equal(0.05, task.GoCueTime);
        Assert.Equal(GenerateTrainArmFixture.ControllerSteps, steps);
    }

    [Fact]
    public async Task Print_config_round_trips_and_bad_options_are_one_line()
    {
        var config = await CommandLineRun.PrintConfigRoundTrips(_folder, "train-controller",
            "--armnet", "a.ckpt", "--out", "c.ckpt", "--hidden", "16", "--iterations", "7", "--batch", "5", "--steps", "90", "--lr", "0.01",
            "--radius", "0.08", "--seed", "3", "--posture-range", "0.03", "--threads", "1");
        Assert.Equal(16, (int)config["Network"]!["HiddenSize"]!);
        Assert.Equal(7, (int)config["Training"]!["Iterations"]!);
        Assert.Equal(0.08, (double)config["Task"]!["Radius"]!);
        Assert.Equal(0.03, (double)config["Plant"]!["TrainingPostureRange"]!);

        await CommandLineRun.FailsWithOneLine(["train-controller", "--armnet", "/nonexistent/armnet.ckpt", "--out", Path.Combine(_folder, "c.ckpt")], "--armnet", "/nonexistent/armnet.ckpt");
        await CommandLineRun.FailsWithOneLine(["train-controller", "--armnet", fixture.ArmNet, "--out", Path.Combine(_folder, "c.ckpt"), "--radius", "-1"], "Radius");
        // The default task (go cue up to 0.3 s, 0.5 s movement) does not fit in 30 steps of 0.01 s.
        await CommandLineRun.FailsWithOneLine(["train-controller", "--armnet", fixture.ArmNet, "--out", Path.Combine(_folder, "c.ckpt"), "--hidden", "8", "--iterations", "1", "--steps", "30"], "--steps", "30 steps");
        // A data file is not a checkpoint: the message names the file.
        await CommandLineRun.FailsWithOneLine(["train-controller", "--armnet", fixture.TrainData, "--out", Path.Combine(_folder, "c.ckpt")], fixture.TrainData);
    }
}
