using System.Diagnostics;
using ArmRnn.Data;
using ArmRnn.Loops;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Tasks;
using ArmRnn.Torch.Checkpoints;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ControllerTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void ControllerNet_trained_through_a_frozen_ArmNet_reaches_the_targets_on_the_real_plant()
    {
        var watch = Stopwatch.StartNew();
        torch.set_num_threads(1);
        using var armNet = PointMassNetworks.TrainedArmNet();
        output.WriteLine($"ArmNet trained in {watch.Elapsed.TotalSeconds:F1} s");
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 64);
        var task = PointMassNetworks.Task();
        var plant = new PointMassPlant();
        var options = ControllerTrainingOptions.Default();
        options.Iterations = 250;
        options.BatchSize = 32;
        options.Steps = 80;
        options.Optimization.LearningRate = 1e-2;
        var trainer = new ControllerTrainer(options);
        trainer.ProgressReported += (_, r) =>
        {
            if (r.Iteration % 50 == 49)
            {
                output.WriteLine($"iteration {r.Iteration}: loss {r.Loss:E3} position {r.PositionLoss:E3} final distance {r.MeanFinalDistance * 100:F2} cm");
            }
        };
        trainer.Train(controller, armNet, task, plant);

        // Evaluate on the real plant, in closed loop through Core's loop (ControllerNet is an IController).
        var start = new double[plant.Layout.Count];
        var starts = new TrajectoryArray(8, 1, plant.Layout.Count);
        plant.Reset(start, starts.At(0, 0));
        for (var b = 1; b < 8; b++)
        {
            starts.At(0, 0).CopyTo(starts.At(b, 0));
        }

        var trials = task.CreateBatch(8, 80, plant.Dt, starts, plant.Layout, new DeterministicRandom(99));
        var result = new ClosedLoop(plant, controller).Run(starts, trials.Inputs);
        var (x, y, _) = PointMassPlant.Hand.IndicesIn(plant.Layout);
        var distances = Enumerable.Range(0, 8).Select(b =>
        {
            var final = result.States.At(b, 79);
            var target = trials.Trials[b].Target;
            return Math.Sqrt(Math.Pow(final[x] - target.X, 2) + Math.Pow(final[y] - target.Y, 2));
        }).ToArray();
        output.WriteLine($"real plant final distances (cm): {string.Join(", ", distances.Select(d => (d * 100).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; total {watch.Elapsed.TotalSeconds:F1} s");
        // The controller learned on ArmNet, whose errors the real plant does not share: allow 40% of the reach per
        // target and a third of it on average (an untrained controller stays about 3 cm away).
        Assert.All(distances, d => Assert.True(d < 0.012, $"final distance {d} m for a 3 cm reach"));
        Assert.True(distances.Average() < 0.01, $"mean final distance {distances.Average()} m for a 3 cm reach");
    }

    [Fact]
    public void Gradients_reach_the_controller_while_ArmNet_stays_bit_identical()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 5);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);
        var before = StateBytes(armNet);
        var controllerBefore = StateBytes(controller);
        var options = ControllerTrainingOptions.Default();
        options.Iterations = 3;
        options.BatchSize = 8;
        options.Steps = 70;
        new ControllerTrainer(options).Train(controller, armNet, PointMassNetworks.Task(), new PointMassPlant());

        Assert.Equal(before, StateBytes(armNet));
        Assert.All(armNet.parameters(), p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0, "ArmNet got a gradient"));
        Assert.All(armNet.parameters(), p => Assert.True(p.requires_grad, "ArmNet's requires_grad was not restored"));
        Assert.All(controller.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, "a controller parameter got no gradient"));
        Assert.NotEqual(controllerBefore, StateBytes(controller));
    }

    [Fact]
    public void The_hold_term_is_the_normalised_hand_error_over_the_samples_where_the_reference_sits_on_the_target()
    {
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 5);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);
        // Jittered go cues give every trial its own hold window.
        var task = new CenterOutTask(new CenterOutTaskOptions { Hand = PointMassPlant.Hand, Radius = 0.03, GoCueTime = 0.2, GoCueJitter = 0.1, MovementTime = 0.5 });
        var plant = new PointMassPlant();
        var options = ControllerTrainingOptions.Default();
        options.Iterations = 1;
        options.BatchSize = 8;
        options.Steps = 90;
        options.HoldWeight = 3;

        // The trainer draws iteration 0's trials from Fork(0) of the seed (starts from its Fork(0), the batch from its
        // Fork(1)); rebuild them and run the untrained controller on them before the one update.
        var (_, starts, trials) = FirstIterationTrials.Create(options, plant, task, armNet);
        var hands = ControllerTrainer.RunClosedLoop(controller, armNet, task, starts, trials);
        var (x, y, _) = PointMassPlant.Hand.IndicesIn(armNet.Layout);
        double[] std = [armNet.Normalization.Std[x], armNet.Normalization.Std[y]];

        // Hold samples found independently of the trainer's timing arithmetic: the minimum-jerk reference equals the
        // target exactly from the end of the movement on.
        double sum = 0, allSum = 0;
        int count = 0, all = 0;
        for (var b = 0; b < options.BatchSize; b++)
        {
            var target = trials.Trials[b].Target;
            for (var t = 0; t < options.Steps; t++)
            {
                var reference = trials.ReferenceHand.At(b, t);
                var hand = hands.At(b, t);
                var error = Math.Pow((hand[0] - reference[0]) / std[0], 2) + Math.Pow((hand[1] - reference[1]) / std[1], 2);
                allSum += error;
                all += 2;
                if (Math.Abs(reference[0] - target.X) < 1e-12 && Math.Abs(reference[1] - target.Y) < 1e-12)
                {
                    sum += error;
                    count += 2;
                }
            }
        }

        Assert.InRange(count, 2, all - 2);
        ControllerIterationReport? report = null;
        var trainer = new ControllerTrainer(options);
        trainer.ProgressReported += (_, r) => report = r;
        trainer.Train(controller, armNet, task, plant);

        Assert.NotNull(report);
        // Float32 network outputs summed over at most 1440 terms: 1e-4 relative is well above rounding and far below
        // the difference between the hold and the whole-trial means (asserted next).
        Assert.Equal(sum / count, report.HoldLoss, sum / count * 1e-4);
        Assert.Equal(allSum / all, report.PositionLoss, allSum / all * 1e-4);
        Assert.True(Math.Abs(report.HoldLoss - report.PositionLoss) > report.PositionLoss * 1e-2, "hold and whole-trial terms coincide");
        var expected = report.PositionLoss + (3 * report.HoldLoss) + (options.EffortWeight * report.EffortLoss)
            + (options.HiddenActivityWeight * report.HiddenActivityLoss) + (options.HiddenChangeWeight * report.HiddenChangeLoss);
        Assert.Equal(expected, report.Loss, expected * 1e-5);
    }

    internal static byte[] StateBytes(torch.nn.Module module)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            module.save(writer);
        }

        return stream.ToArray();
    }
}
