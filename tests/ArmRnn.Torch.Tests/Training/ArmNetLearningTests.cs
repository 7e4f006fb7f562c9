using System.Diagnostics;
using ArmRnn.Plants;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ArmNetLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void ArmNet_learns_the_point_mass_plant_to_999_vaf_on_held_out_trajectories()
    {
        var watch = Stopwatch.StartNew();
        // One intra-op thread: faster at this size on 2 shared cores, and the run repeats bit for bit.
        torch.set_num_threads(1);
        var train = PointMassData.Generate(trajectories: 192, steps: 100, seed: 11);
        var test = PointMassData.Generate(trajectories: 64, steps: 100, seed: 12);
        torch.manual_seed(1);
        using var net = new ArmNet(train.Layout, train.ExcitationNames, train.Dt, ChannelNormalization.FromData(train, train.Layout),
            new ArmNetOptions { HiddenSize = 64 }, torch.CPU);
        // Default() with a higher Adam rate, which converges fastest on this small problem (see docs/torch.md).
        var options = ArmNetTrainingOptions.Default();
        options.Epochs = 120;
        options.BatchSize = 16;
        options.Optimization.LearningRate = 0.02;
        options.EarlyStoppingPatience = 0;
        var trainer = new ArmNetTrainer(options);
        trainer.EpochCompleted += (_, r) =>
        {
            if (r.Epoch % 10 == 9)
            {
                output.WriteLine($"epoch {r.Epoch}: train {r.TrainingLoss:E3} val {r.ValidationLoss:E3} x {r.HandXVaf:F3} y {r.HandYVaf:F3} mean {r.MeanVaf:F3} ({r.Seconds:F2} s)");
            }
        };
        var result = trainer.Train(net, train);

        var scores = ArmNetTrainer.Evaluate(net, test);
        output.WriteLine($"held-out: x {scores.VafOf("position_x"):F4}% y {scores.VafOf("position_y"):F4}% mean {scores.MeanVaf:F4}% after {result.Reports.Count} epochs, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(scores.VafOf(PointMassPlant.Hand.X) >= 99.9, $"hand x VAF {scores.VafOf(PointMassPlant.Hand.X)}");
        Assert.True(scores.VafOf(PointMassPlant.Hand.Y) >= 99.9, $"hand y VAF {scores.VafOf(PointMassPlant.Hand.Y)}");
        Assert.True(scores.MeanVaf >= 99.9, $"mean VAF {scores.MeanVaf}");
    }
}
