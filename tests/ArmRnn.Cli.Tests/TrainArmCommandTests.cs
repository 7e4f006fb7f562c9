using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Training;

namespace ArmRnn.Cli.Tests;

[Collection(GenerateTrainArmCollection.Name)]
public sealed class TrainArmCommandTests(GenerateTrainArmFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "armrnn-train-arm-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void The_checkpoint_loads_with_the_requested_architecture_and_hand_weights()
    {
        var data = TrajectoryBatchHdf5.Read(fixture.TrainData);
        using var network = ArmNetCheckpoint.Load(fixture.ArmNet, data.Layout);
        Assert.Equal(8, network.Options.HiddenSize);
        Assert.Equal(RecurrentCellKind.Gru, network.Options.Cell);
        Assert.Equal(data.ExcitationNames, network.ExcitationNames);

        var training = ArmNetCheckpoint.ReadMetadata(fixture.ArmNet).Training!;
        Assert.Equal(2, (int)training["Epochs"]!);
        var weights = training["ChannelWeights"]!.AsObject();
        Assert.Equal(3.0, (double)weights[Arm26Layout.Hand.X]!);
        Assert.Equal(3.0, (double)weights[Arm26Layout.Hand.Y]!);
        Assert.False(File.Exists(fixture.ArmNet + ".training"));
        Assert.Contains("Validation VAF: hand x ", fixture.TrainArmOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_training_resumes_from_its_state_file_to_the_network_of_an_uninterrupted_run()
    {
        Directory.CreateDirectory(_folder);
        string[] Args(string output) => ["train-arm", "--data", fixture.TrainData, "--out", output, "--hidden", "8", "--epochs", "12", "--batch", "4", "--threads", "1", "--seed", "5"];
        var whole = Path.Combine(_folder, "whole.ckpt");
        await CommandLineRun.Succeed(Args(whole));

        // Stop as soon as the first epoch's state is on disk (the trainer checks between minibatches).
        var interrupted = Path.Combine(_folder, "interrupted.ckpt");
        var state = interrupted + ".training";
        using var cancellation = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(state))
            {
                await Task.Delay(1);
            }

            cancellation.Cancel();
        });
        var (exit, output) = await CommandLineRun.Run(cancellation.Token, Args(interrupted));
        await watcher;
        Assert.True(exit == 130, output);
        Assert.Contains("Cancelled.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(state));
        Assert.False(File.Exists(interrupted));

        // Another configuration must not continue it.
        await CommandLineRun.FailsWithOneLine([.. Args(interrupted)[..^2], "--seed", "6"], state, "Seed");

        var resumed = await CommandLineRun.Succeed(Args(interrupted));
        Assert.Contains("continuing from", resumed, StringComparison.Ordinal);
        Assert.False(File.Exists(state));

        // The trainer's order and split depend only on the seed and the epoch, and the state file holds weights and
        // optimiser state, so on one CPU thread the resumed network is the uninterrupted one: identical predictions.
        var test = TrajectoryBatchHdf5.Read(fixture.TestData);
        using var a = ArmNetCheckpoint.Load(whole, test.Layout);
        using var b = ArmNetCheckpoint.Load(interrupted, test.Layout);
        Assert.Equal(a.Predict(test.InitialStates, test.Excitations).AsSpan().ToArray(), b.Predict(test.InitialStates, test.Excitations).AsSpan().ToArray());
    }

    [Fact]
    public async Task Print_config_round_trips_through_config()
    {
        var config = await CommandLineRun.PrintConfigRoundTrips(_folder, "train-arm",
            "--data", "a.h5", "--data", "b.h5", "--out", "n.ckpt", "--cell", "lstm", "--layers", "2", "--hidden", "16", "--optimizer", "sgd",
            "--lr", "0.05", "--weight-decay", "1e-4", "--clip", "10", "--hand-weight", "2", "--epochs", "3", "--batch", "8", "--seed", "4");
        Assert.Equal("Lstm", (string)config["Network"]!["Cell"]!);
        Assert.Equal(2, (int)config["Network"]!["Layers"]!);
        Assert.Equal("Sgd", (string)config["Training"]!["Optimization"]!["Optimizer"]!);
        Assert.Equal(0.05, (double)config["Training"]!["Optimization"]!["LearningRate"]!);
        Assert.Equal(2, config["Data"]!.AsArray().Count);

        var poster = await CommandLineRun.PrintConfigRoundTrips(Path.Combine(_folder, "poster"), "train-arm", "--preset", "poster");
        // The poster's hyperparameters (ArmNetTrainingOptions.Poster): batch 128, plain SGD at 0.07.
        Assert.Equal(ArmNetTrainingOptions.Poster().BatchSize, (int)poster["Training"]!["BatchSize"]!);
        Assert.Equal(0.07, (double)poster["Training"]!["Optimization"]!["LearningRate"]!);
    }

    [Fact]
    public async Task Bad_options_give_one_line_naming_the_option_or_file_and_exit_code_2()
    {
        await CommandLineRun.FailsWithOneLine(["train-arm", "--data", fixture.TrainData, "--out", "x.ckpt", "--cell", "xyz"], "--cell", "xyz");
        await CommandLineRun.FailsWithOneLine(["train-arm", "--data", "/nonexistent/data.h5", "--out", "x.ckpt"], "--data", "/nonexistent/data.h5");
        await CommandLineRun.FailsWithOneLine(["train-arm", "--data", fixture.TrainData, "--out", "x.ckpt", "--hidden", "0"], "HiddenSize");

        Directory.CreateDirectory(_folder);
        var typo = Path.Combine(_folder, "typo.json");
        await File.WriteAllTextAsync(typo, """{ "Netwrok": { "HiddenSize": 8 } }""");
        await CommandLineRun.FailsWithOneLine(["train-arm", "--config", typo], typo, "Netwrok");
    }
}
