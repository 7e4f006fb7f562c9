using ArmRnn.Geometry;
using ArmRnn.Layouts;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Tasks;

public class RandomReachTaskTests
{
    private const double Dt = 0.01;
    private const int Steps = 100;

    private static ReachTaskBatch Create(RandomReachTask task, int batchSize, ulong seed = 5) =>
        task.CreateBatch(batchSize, Steps, Dt, TaskTestStates.Arm26(batchSize), Arm26Layout.Full, new DeterministicRandom(seed));

    [Fact]
    public void Target_distances_are_in_range_and_in_the_plane()
    {
        var batch = Create(new RandomReachTask(), 2000);
        foreach (var trial in batch.Trials)
        {
            // sqrt of a uniform draw in [r_min², r_max²): rounding of ~1e-17 m.
            Assert.InRange(trial.Distance, 0.02 - 1e-12, 0.10 + 1e-12);
            Assert.Equal(trial.Start.Z, trial.Target.Z); // XY plane: no z offset.
            Assert.Equal(-1, trial.Condition);
        }
    }

    [Fact]
    public void Targets_are_uniform_over_the_area_of_the_annulus()
    {
        const int n = 4000;
        var batch = Create(new RandomReachTask(), n);
        const double rMin = 0.02, rMax = 0.10, rMid = 0.06;
        var inner = batch.Trials.Count(t => t.Distance < rMid) / (double)n;
        var expected = ((rMid * rMid) - (rMin * rMin)) / ((rMax * rMax) - (rMin * rMin)); // = 1/3
        // Binomial standard error √(p(1−p)/n) = 0.0075; 4 standard errors. A radius-uniform sampler would give 0.5.
        var tolerance = 4 * Math.Sqrt(expected * (1 - expected) / n);
        Assert.InRange(inner, expected - tolerance, expected + tolerance);

        // Directions are uniform too: the mean unit vector is near 0 (standard error √(1/(2n)) = 0.011 per component).
        var meanU = batch.Trials.Average(t => (t.Target.X - t.Start.X) / t.Distance);
        var meanV = batch.Trials.Average(t => (t.Target.Y - t.Start.Y) / t.Distance);
        Assert.InRange(meanU, -0.045, 0.045);
        Assert.InRange(meanV, -0.045, 0.045);
    }

    [Fact]
    public void Catch_trials_occur_at_the_set_probability_and_never_cue_or_move()
    {
        const int n = 4000;
        var batch = Create(new RandomReachTask(), n);
        var catchTrials = Enumerable.Range(0, n).Where(b => batch.Trials[b].IsCatchTrial).ToArray();
        // Binomial standard error √(0.1·0.9/n) = 0.0047; 4 standard errors.
        Assert.InRange(catchTrials.Length / (double)n, 0.1 - 0.019, 0.1 + 0.019);
        foreach (var b in catchTrials.Take(50))
        {
            Assert.Equal(-1, batch.Trials[b].GoCueStep);
            for (var t = 0; t < Steps; t++)
            {
                Assert.Equal(0.0, batch.Inputs.Values[b, t, 2]);
                Assert.Equal(batch.Trials[b].Start, Point3.FromSpan(batch.ReferenceHand.At(b, t)));
            }
        }
    }

    [Fact]
    public void Go_cue_and_movement_times_are_in_their_ranges()
    {
        var task = new RandomReachTask(new RandomReachTaskOptions { MinMovementTime = 0.3, MaxMovementTime = 0.45, CatchTrialProbability = 0 });
        var batch = Create(task, 500);
        foreach (var trial in batch.Trials)
        {
            Assert.InRange(trial.GoCueStep, 10, 50); // round([0.1, 0.5] s / 0.01 s)
            Assert.Equal(trial.GoCueStep, trial.MovementStartStep);
            Assert.InRange(trial.MovementTime, 0.3, 0.45);
        }

        Assert.True(batch.Trials.Select(t => t.MovementTime).Distinct().Count() > 100, "movement times should vary");
        for (var b = 0; b < 20; b++)
        {
            var trial = batch.Trials[b];
            var cue = Enumerable.Range(0, Steps).First(t => batch.Inputs.Values[b, t, 2] == 1.0);
            Assert.Equal(trial.GoCueStep, cue);
            // Arrival at sample m − 1 + ⌈MT/dt⌉ at the latest, then the reference holds the target.
            var arrival = trial.MovementStartStep - 1 + (int)Math.Ceiling(trial.MovementTime / Dt);
            Assert.Equal(trial.Target, Point3.FromSpan(batch.ReferenceHand.At(b, arrival)));
        }
    }

    [Fact]
    public void The_same_seed_gives_an_identical_batch()
    {
        var task = new RandomReachTask();
        var a = Create(task, 64, seed: 9);
        var b = Create(task, 64, seed: 9);
        var c = Create(task, 64, seed: 10);
        Assert.Equal(a.Trials, b.Trials);
        Assert.Equal(Bits(a.Inputs.Values.AsSpan()), Bits(b.Inputs.Values.AsSpan()));
        Assert.Equal(Bits(a.ReferenceHand.AsSpan()), Bits(b.ReferenceHand.AsSpan()));
        Assert.NotEqual(a.Trials, c.Trials);
    }

    [Fact]
    public void Trial_b_does_not_depend_on_the_batch_size()
    {
        var task = new RandomReachTask();
        var small = Create(task, 5);
        var large = Create(task, 37);
        for (var b = 0; b < 5; b++)
        {
            Assert.Equal(small.Trials[b], large.Trials[b]);
            Assert.Equal(Bits(small.ReferenceHand.Trajectory(b)), Bits(large.ReferenceHand.Trajectory(b)));
        }
    }

    [Fact]
    public void Too_few_steps_are_reported_with_numbers()
    {
        var task = new RandomReachTask(); // cue up to 0.5 s + movement 0.5 s = 100 steps of 0.01 s
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            task.CreateBatch(2, 99, Dt, TaskTestStates.Arm26(2), Arm26Layout.Full, new DeterministicRandom(1)));
        Assert.Contains("needs at least 100 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("RandomReachTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_them()
    {
        var order = Assert.Throws<ArgumentException>(() => new RandomReachTask(new RandomReachTaskOptions { MinDistance = 0.2, MaxDistance = 0.1 }));
        Assert.Contains("MinDistance (0.2) must not exceed MaxDistance (0.1)", order.Message, StringComparison.Ordinal);
        var probability = Assert.Throws<ArgumentException>(() => new RandomReachTask(new RandomReachTaskOptions { CatchTrialProbability = 1.5 }));
        Assert.Contains("CatchTrialProbability must be in [0, 1]; it is 1.5", probability.Message, StringComparison.Ordinal);
    }

    private static long[] Bits(Span<double> values) => [.. values.ToArray().Select(BitConverter.DoubleToInt64Bits)];
}
