using ArmRnn.Abstractions;
using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Plants;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Tests.Training;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Checkpoints;

[Collection(TorchCollection.Name)]
public sealed class CheckpointTests
{
    [Fact]
    public void An_ArmNet_round_trips_with_its_metadata_and_predicts_identically()
    {
        var data = PointMassData.Generate(trajectories: 6, steps: 20, seed: 4);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 12, options: new ArmNetOptions { Cell = RecurrentCellKind.Lstm, Layers = 2 });
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "arm.ckpt");

        ArmNetCheckpoint.Save(path, net, generation: 3, seed: 17, training: ArmNetTrainingOptions.Poster().ToJson());
        using var loaded = ArmNetCheckpoint.Load(path, data.Layout, torch.CPU);

        var metadata = ArmNetCheckpoint.ReadMetadata(path);
        Assert.Equal(3, metadata.Generation);
        Assert.Equal(17UL, metadata.Seed);
        Assert.Equal(RecurrentCellKind.Lstm, metadata.ArmNet!.Cell);
        Assert.Equal(data.Layout.ChannelNames, metadata.ChannelNames);
        Assert.Equal(0.07, metadata.Training!["Optimization"]!["LearningRate"]!.GetValue<double>());
        Assert.False(string.IsNullOrEmpty(metadata.LibraryVersion));
        Assert.Equal(net.Normalization.Mean, loaded.Normalization.Mean);
        Assert.Equal(net.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray(), loaded.Predict(data.InitialStates, data.Excitations).AsSpan().ToArray());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Loading_into_a_different_network_says_what_differs()
    {
        var data = PointMassData.Generate(trajectories: 4, steps: 10, seed: 4);
        using var net = PointMassNetworks.CreateArmNet(data, hidden: 12);
        using var other = PointMassNetworks.CreateArmNet(data, hidden: 8, options: new ArmNetOptions { Cell = RecurrentCellKind.Lstm });
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "arm.ckpt");
        ArmNetCheckpoint.Save(path, net);

        var architecture = Assert.Throws<InvalidDataException>(() => ArmNetCheckpoint.LoadInto(path, other));
        Assert.Contains("12 hidden units but the network has 8", architecture.Message, StringComparison.Ordinal);
        Assert.Contains("cell is Gru but the network's is Lstm", architecture.Message, StringComparison.Ordinal);

        var wrongLayout = new PointMassPlant(options: new PointMassPlantOptions { MuscleCount = 4 }).Layout;
        var layout = Assert.Throws<InvalidDataException>(() => ArmNetCheckpoint.Load(path, wrongLayout, torch.CPU));
        Assert.Contains("10 state channels but 8 are expected", layout.Message, StringComparison.Ordinal);

        var renamed = new StateLayout("renamed", data.Layout.Channels.Select((c, i) => i == 1 ? c with { Name = "hand_y" } : c));
        var name = Assert.Throws<InvalidDataException>(() => ArmNetCheckpoint.Load(path, renamed, torch.CPU));
        Assert.Contains("state channels 1 is 'position_y' in the checkpoint but 'hand_y' is expected", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ControllerNet_round_trips_and_acts_identically()
    {
        var data = PointMassData.Generate(trajectories: 4, steps: 10, seed: 4);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var controller = PointMassNetworks.CreateController(arm, hidden: 10, options: new ControllerNetOptions
        {
            ObservedChannels = ["position_x", "position_y"],
            SensoryDelaySteps = 2,
        });
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "controller.ckpt");
        ControllerNetCheckpoint.Save(path, controller, generation: 1);
        using var loaded = ControllerNetCheckpoint.Load(path, arm.Layout, torch.CPU);

        Assert.Equal(controller.ObservedChannels, loaded.ObservedChannels);
        Assert.Equal(Act(controller, arm.Layout), Act(loaded, arm.Layout));
    }

    [Fact]
    public void ArmNet_training_resumed_from_its_checkpoint_ends_bit_identical_to_an_uninterrupted_run()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 24, steps: 20, seed: 8);
        using var folder = new TemporaryFolder();
        ArmNetTrainingOptions Options(string? checkpoint)
        {
            var o = ArmNetTrainingOptions.Default();
            o.Epochs = 6;
            o.BatchSize = 8;
            o.EarlyStoppingPatience = 0;
            o.CheckpointPath = checkpoint;
            return o;
        }

        using var uninterrupted = PointMassNetworks.CreateArmNet(data, hidden: 12, seed: 5);
        var full = new ArmNetTrainer(Options(null)).Train(uninterrupted, data);

        var path = Path.Combine(folder.Path, "training.ckpt");
        using var interrupted = PointMassNetworks.CreateArmNet(data, hidden: 12, seed: 5);
        using var cancel = new CancellationTokenSource();
        var first = new ArmNetTrainer(Options(path));
        first.EpochCompleted += (_, r) =>
        {
            if (r.Epoch == 2)
            {
                cancel.Cancel();
            }
        };
        Assert.Throws<OperationCanceledException>(() => first.Train(interrupted, data, cancellationToken: cancel.Token));

        // A new process would start from a freshly initialised network: use different initial weights.
        using var resumed = PointMassNetworks.CreateArmNet(data, hidden: 12, seed: 99);
        var rest = new ArmNetTrainer(Options(path)).Train(resumed, data);

        Assert.Equal(3, rest.ResumedFromEpoch);
        Assert.Equal(full.Reports.Select(r => r.ValidationLoss), rest.Reports.Select(r => r.ValidationLoss));
        Assert.Equal(full.BestEpoch, rest.BestEpoch);
        Assert.Equal(ControllerTrainingTests.StateBytes(uninterrupted), ControllerTrainingTests.StateBytes(resumed));
    }

    [Fact]
    public void Controller_training_resumed_from_its_checkpoint_ends_bit_identical_to_an_uninterrupted_run()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 8);
        using var arm = PointMassNetworks.CreateArmNet(data, hidden: 8);
        using var folder = new TemporaryFolder();
        ControllerTrainingOptions Options(string? checkpoint)
        {
            var o = ControllerTrainingOptions.Default();
            o.Iterations = 6;
            o.BatchSize = 4;
            o.Steps = 70;
            o.ReportEvery = 1;
            o.CheckpointEvery = 2;
            o.CheckpointPath = checkpoint;
            return o;
        }

        var noisy = new ControllerNetOptions { InputNoiseStd = 0.05, HiddenNoiseStd = 0.01 };
        using var uninterrupted = PointMassNetworks.CreateController(arm, hidden: 8, options: noisy.Clone());
        new ControllerTrainer(Options(null)).Train(uninterrupted, arm, PointMassNetworks.Task(), new PointMassPlant());

        var path = Path.Combine(folder.Path, "controller-training.ckpt");
        using var interrupted = PointMassNetworks.CreateController(arm, hidden: 8, options: noisy.Clone());
        using var cancel = new CancellationTokenSource();
        var first = new ControllerTrainer(Options(path));
        first.ProgressReported += (_, r) =>
        {
            if (r.Iteration == 3)
            {
                cancel.Cancel();
            }
        };
        Assert.Throws<OperationCanceledException>(() => first.Train(interrupted, arm, PointMassNetworks.Task(), new PointMassPlant(), cancellationToken: cancel.Token));

        using var resumed = PointMassNetworks.CreateController(arm, hidden: 8, seed: 77, options: noisy.Clone());
        var rest = new ControllerTrainer(Options(path)).Train(resumed, arm, PointMassNetworks.Task(), new PointMassPlant());

        Assert.Equal(4, rest.ResumedFromIteration);
        Assert.Equal(ControllerTrainingTests.StateBytes(uninterrupted), ControllerTrainingTests.StateBytes(resumed));
    }

    private static double[] Act(IController controller, StateLayout layout)
    {
        controller.Reset(new ControllerContext(layout, ReachTaskInputs.Names, 2, 0.01));
        var excitations = new double[2 * 6];
        var all = new List<double>();
        for (var t = 0; t < 5; t++)
        {
            var inputs = new double[] { 0.03, 0, t > 1 ? 1 : 0, -0.02, 0.01, t > 1 ? 1 : 0 };
            var states = Enumerable.Range(0, 2 * layout.Count).Select(i => 0.001 * ((i * 7 % 13) + t)).ToArray();
            controller.Act(inputs, states, excitations);
            all.AddRange(excitations);
        }

        return [.. all];
    }
}
