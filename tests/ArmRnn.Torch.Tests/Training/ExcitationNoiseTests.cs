using ArmRnn.Data;
using ArmRnn.Plants;
using ArmRnn.Randomness;
using ArmRnn.Torch.Tests.TestSupport;
using ArmRnn.Torch.Training;
using TorchSharp;

namespace ArmRnn.Torch.Tests.Training;

/// <summary>Motor noise on the excitations during controller training (<see cref="ControllerTrainingOptions.ExcitationNoiseStd"/>).</summary>
[Collection(TorchCollection.Name)]
public sealed class ExcitationNoiseTests
{
    [Fact]
    public void Samples_have_zero_mean_and_the_stated_standard_deviation()
    {
        // 200,000 deviates: the sample mean's standard error is 0.05/sqrt(2e5) = 1.1e-4 (bound at 5 of them), the
        // sample standard deviation's relative standard error 1/sqrt(4e5) = 0.16% (bound at 1%, over 6 of them).
        var noise = ExcitationNoise.Sample(new DeterministicRandom(4), 1000, 50, 4, 0.05);
        Assert.Equal((1000, 50, 4), noise.Shape);
        var values = noise.AsSpan().ToArray();
        var mean = values.Average();
        var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Sum() / (values.Length - 1));
        Assert.InRange(mean, -5.5e-4, 5.5e-4);
        Assert.InRange(std, 0.05 * 0.99, 0.05 * 1.01);
        Assert.Equal(values, ExcitationNoise.Sample(new DeterministicRandom(4), 1000, 50, 4, 0.05).AsSpan().ToArray());
    }

    [Fact]
    public void Bad_sizes_and_deviations_are_refused()
    {
        var random = new DeterministicRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcitationNoise.Sample(random, 0, 5, 2, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcitationNoise.Sample(random, 2, 5, 2, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExcitationNoise.Sample(random, 2, 5, 2, double.NaN));
        var options = ControllerTrainingOptions.Default();
        options.ExcitationNoiseStd = -1;
        var error = Assert.Throws<ArgumentException>(() => new ControllerTrainer(options));
        Assert.Contains(nameof(ControllerTrainingOptions.ExcitationNoiseStd), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trainer_drives_ArmNet_with_the_commanded_excitations_plus_the_iterations_noise()
    {
        // Iteration 0's position loss (computed before the update) must equal the one recomputed here from a closed
        // loop on ArmNet given the noise rebuilt from the documented stream, whose hand path differs from the
        // noise-free loop's: the noise is applied, and it is the documented draw.
        torch.set_num_threads(1);
        var data = PointMassData.Generate(trajectories: 8, steps: 20, seed: 5);
        using var armNet = PointMassNetworks.CreateArmNet(data, hidden: 16);
        using var controller = PointMassNetworks.CreateController(armNet, hidden: 16);
        var task = PointMassNetworks.Task();
        var plant = new PointMassPlant();
        var options = ControllerTrainingOptions.Default();
        options.Iterations = 1;
        options.BatchSize = 6;
        options.Steps = 80;
        options.ExcitationNoiseStd = 0.2;

        var (random, starts, trials) = FirstIterationTrials.Create(options, plant, task, armNet);
        var noise = ExcitationNoise.Sample(random.Fork(ExcitationNoise.IterationStream), options.BatchSize, options.Steps, armNet.ExcitationNames.Count, 0.2);
        var noisyHands = ControllerTrainer.RunClosedLoop(controller, armNet, task, starts, trials, noise);
        var cleanHands = ControllerTrainer.RunClosedLoop(controller, armNet, task, starts, trials);
        var noisy = PositionLoss(noisyHands, trials, armNet);

        var report = new ControllerTrainer(options).Train(controller, armNet, task, plant).Reports[0];

        // The same float32 operations in the same order, then a float32 mean over 960 terms: 1e-6 relative is ten
        // times that mean's rounding (measured agreement 1e-8), and ten times smaller than the noise's effect on the
        // loss (asserted next), so a trainer that ignored the noise would fail here.
        var clean = PositionLoss(cleanHands, trials, armNet);
        Assert.True(Math.Abs(noisy - clean) > noisy * 1e-5, $"the noise moved the loss only from {clean} to {noisy}");
        Assert.Equal(noisy, report.PositionLoss, noisy * 1e-6);
        // The noise must move the hand by far more than float32 rounding of positions of a few cm (1e-8 m), or the
        // first check could not tell a noisy loop from a clean one.
        var moved = noisyHands.AsSpan().ToArray().Zip(cleanHands.AsSpan().ToArray(), (a, b) => Math.Abs(a - b)).Max();
        Assert.True(moved > 1e-5, $"the noise moved the hand by at most {moved} m");
        Assert.Throws<ArgumentException>(() => ControllerTrainer.RunClosedLoop(controller, armNet, task, starts, trials, new TrajectoryArray(options.BatchSize, options.Steps - 1, armNet.ExcitationNames.Count)));
    }

    private static double PositionLoss(TrajectoryArray hands, ArmRnn.Tasks.ReachTaskBatch trials, ArmRnn.Torch.Networks.ArmNet armNet)
    {
        var (x, y, _) = PointMassPlant.Hand.IndicesIn(armNet.Layout);
        double[] std = [armNet.Normalization.Std[x], armNet.Normalization.Std[y]];
        double sum = 0;
        for (var b = 0; b < trials.BatchSize; b++)
        {
            for (var t = 0; t < trials.Steps; t++)
            {
                var reference = trials.ReferenceHand.At(b, t);
                var hand = hands.At(b, t);
                sum += Math.Pow((hand[0] - reference[0]) / std[0], 2) + Math.Pow((hand[1] - reference[1]) / std[1], 2);
            }
        }

        return sum / (2.0 * trials.BatchSize * trials.Steps);
    }
}
