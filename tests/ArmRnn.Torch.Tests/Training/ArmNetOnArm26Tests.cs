using System.Diagnostics;
using ArmRnn.Datasets;
using ArmRnn.Excitation;
using ArmRnn.Layouts;
using ArmRnn.OpenSim.Simulation;
using ArmRnn.Torch.Networks;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace ArmRnn.Torch.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ArmNetOnArm26Tests(ITestOutputHelper output)
{
    private const int Trajectories = 288;
    private const int HeldOut = 32;
    private const int Steps = 50;
    private const int Hidden = 64;
    private const int Epochs = 150;
    private const int BatchSize = 16;
    private const double LearningRate = 0.01;
    private const double HandWeight = 10;

    [Fact]
    public void ArmNet_learns_the_managed_engine_Arm26_to_99_hand_vaf_on_held_out_trajectories()
    {
        var total = Stopwatch.StartNew();
        // One intra-op thread, as in the point-mass test: the run repeats bit for bit (the plant's parallel stepping
        // does not change its results either).
        torch.set_num_threads(1);

        // Data from the real arm on the managed engine with default settings (RKM at 1e-5, tabulated paths). Path
        // tables are built the first time a posture is visited, so start postures stay in the middle 30% of each
        // coordinate's range, and excitations stay in a moderate band (2 Hz smooth noise in [0.02, 0.5]).
        var generation = Stopwatch.StartNew();
        var plant = new Arm26Plant(new OpenSimPlantOptions { InitialPostureRangeFraction = 0.3 });
        var source = new GeneratedDatasetSource(
            plant,
            new SmoothRandomExcitation(new SmoothRandomExcitationOptions { CutoffFrequency = 2.0, Min = 0.02, Max = 0.5 }),
            new DatasetShapeOptions { BatchSize = Trajectories, BatchCount = 1, Steps = Steps, Seed = 26 });
        var all = source.ReadBatches().Single();
        generation.Stop();

        // Held out by trajectory: the last HeldOut trajectories are never trained on (the trainer's own validation
        // split, which picks the best epoch, comes from the others).
        var train = all.SelectBatch(Enumerable.Range(0, Trajectories - HeldOut).ToArray());
        var test = all.SelectBatch(Enumerable.Range(Trajectories - HeldOut, HeldOut).ToArray());

        var training = Stopwatch.StartNew();
        torch.manual_seed(1);
        using var net = new ArmNet(train.Layout, train.ExcitationNames, train.Dt, ChannelNormalization.FromData(train, train.Layout),
            new ArmNetOptions { HiddenSize = Hidden }, torch.CPU);
        // Default() with a higher Adam rate (as in the point-mass test), and the hand channels weighted up: with this
        // little data the 49-channel loss otherwise spends the small network on fiber velocities and passive forces.
        var options = ArmNetTrainingOptions.Default();
        options.Epochs = Epochs;
        options.BatchSize = BatchSize;
        options.Optimization.LearningRate = LearningRate;
        options.EarlyStoppingPatience = 0;
        options.Hand = Arm26Layout.Hand;
        options.ChannelWeights = new Dictionary<string, double> { [Arm26Layout.Hand.X] = HandWeight, [Arm26Layout.Hand.Y] = HandWeight };
        var trainer = new ArmNetTrainer(options);
        trainer.EpochCompleted += (_, r) =>
        {
            if (r.Epoch % 10 == 9)
            {
                output.WriteLine($"epoch {r.Epoch}: train {r.TrainingLoss:E3} val {r.ValidationLoss:E3} x {r.HandXVaf:F3} y {r.HandYVaf:F3} mean {r.MeanVaf:F3} ({r.Seconds:F2} s)");
            }
        };
        var result = trainer.Train(net, train);
        training.Stop();

        var scores = ArmNetTrainer.Evaluate(net, test);
        var x = scores.VafOf(Arm26Layout.Hand.X);
        var y = scores.VafOf(Arm26Layout.Hand.Y);
        output.WriteLine($"data: {Trajectories} trajectories x {Steps} steps at dt {all.Dt} s ({train.BatchSize} trained on, {HeldOut} held out), {all.Layout.Count} channels, {all.ExcitationNames.Count} excitations");
        output.WriteLine($"network: GRU {Hidden}, {result.Reports.Count} epochs (best {result.BestEpoch}), batch {BatchSize}, Adam {LearningRate} cosine, hand weight {HandWeight}");
        output.WriteLine($"held-out: hand x {x:F3}% hand y {y:F3}% mean over channels {scores.MeanVaf:F3}%");
        output.WriteLine("lowest held-out VAF: " + string.Join(", ", scores.Scores.Where(s => !double.IsNaN(s.Vaf)).OrderBy(s => s.Vaf).Take(3).Select(s => $"{s.Channel} {s.Vaf:F1}%")));
        output.WriteLine($"generation {generation.Elapsed.TotalSeconds:F1} s, training {training.Elapsed.TotalSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s");

        // 99% on the hand is the bar for a test-sized ArmNet on held-out Arm26 trajectories (the full-size
        // network is expected to do better; the point-mass test's 99.9% is for a linear plant). The run is
        // deterministic, and its measured margin is in docs/torch.md.
        Assert.True(x >= 99.0, $"hand x VAF {x}");
        Assert.True(y >= 99.0, $"hand y VAF {y}");
    }
}
