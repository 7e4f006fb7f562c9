using ArmRnn.Data;
using ArmRnn.Geometry;
using ArmRnn.Layouts;
using ArmRnn.Randomness;
using ArmRnn.Tasks;

namespace ArmRnn.Core.Tests.Tasks;

public class CenterOutTaskTests
{
    private const double Dt = 0.01;

    // Targets are start + r·(cos, sin): a handful of roundings on ~0.3 m values.
    private const double Tolerance = 1e-12;

    private static ReachTaskBatch Create(CenterOutTask task, int batchSize, int steps = 100, ulong seed = 7) =>
        task.CreateBatch(batchSize, steps, Dt, TaskTestStates.Arm26(batchSize), Arm26Layout.Full, new DeterministicRandom(seed));

    [Theory]
    [InlineData(8, 0.10, 0.0)]
    [InlineData(5, 0.07, 0.3)]
    public void Targets_lie_on_the_circle_at_evenly_spaced_angles(int count, double radius, double firstAngle)
    {
        var task = new CenterOutTask(new CenterOutTaskOptions { TargetCount = count, Radius = radius, FirstTargetAngle = firstAngle });
        var batch = Create(task, 2 * count);
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var trial = batch.Trials[b];
            var k = b % count;
            Assert.Equal(k, trial.Condition);
            Assert.Equal(TaskTestStates.HandAt(b), trial.Start);
            var angle = firstAngle + (2 * Math.PI * k / count);
            var expected = trial.Start + new Point3(radius * Math.Cos(angle), radius * Math.Sin(angle), 0);
            Assert.Equal(0.0, trial.Target.DistanceTo(expected), Tolerance);
            Assert.Equal(radius, trial.Distance, Tolerance);
            Assert.False(trial.IsCatchTrial);
        }
    }

    [Fact]
    public void Inputs_are_the_target_relative_to_the_start_in_plane_coordinates_from_step_0()
    {
        var task = new CenterOutTask();
        var batch = Create(task, 8);
        Assert.Equal(["target_u", "target_v", "go_cue"], batch.Inputs.Names);
        Assert.Equal(ReachTaskInputs.Names, task.InputNames);
        for (var b = 0; b < 8; b++)
        {
            var (u, v) = ReachPlane.XY.ToPlane(batch.Trials[b].Target - batch.Trials[b].Start);
            var angle = 2 * Math.PI * b / 8;
            Assert.Equal(0.1 * Math.Cos(angle), u, Tolerance);
            Assert.Equal(0.1 * Math.Sin(angle), v, Tolerance);
            for (var t = 0; t < batch.Steps; t++)
            {
                Assert.Equal(u, batch.Inputs.Values[b, t, 0]);
                Assert.Equal(v, batch.Inputs.Values[b, t, 1]);
            }
        }
    }

    [Fact]
    public void Go_cue_switches_on_at_the_cue_step_and_the_reference_moves_after_the_reaction_time()
    {
        var task = new CenterOutTask(new CenterOutTaskOptions { GoCueTime = 0.3, ReactionTime = 0.1, MovementTime = 0.5 });
        var batch = Create(task, 3);
        for (var b = 0; b < 3; b++)
        {
            var trial = batch.Trials[b];
            Assert.Equal(30, trial.GoCueStep);
            Assert.Equal(40, trial.MovementStartStep);
            for (var t = 0; t < batch.Steps; t++)
            {
                Assert.Equal(t >= 30 ? 1.0 : 0.0, batch.Inputs.Values[b, t, 2]);
            }

            // State sample t is at (t + 1)·dt: sample 39 is time 0.4 s, the movement start, still at the start.
            Assert.Equal(trial.Start, Point3.FromSpan(batch.ReferenceHand.At(b, 39)));
            Assert.NotEqual(trial.Start, Point3.FromSpan(batch.ReferenceHand.At(b, 40)));
            // Arrival 0.5 s later: sample 39 + 50 = 89; then it holds at the target.
            Assert.Equal(trial.Target, Point3.FromSpan(batch.ReferenceHand.At(b, 89)));
            Assert.Equal(trial.Target, Point3.FromSpan(batch.ReferenceHand.At(b, 99)));
        }
    }

    [Fact]
    public void Go_cue_jitter_is_reproducible_and_within_bounds()
    {
        var task = new CenterOutTask(new CenterOutTaskOptions { GoCueTime = 0.3, GoCueJitter = 0.1 });
        var first = Create(task, 64, seed: 11);
        var again = Create(task, 64, seed: 11);
        var other = Create(task, 64, seed: 12);
        var steps = first.Trials.Select(t => t.GoCueStep).ToArray();
        Assert.Equal(steps, again.Trials.Select(t => t.GoCueStep));
        Assert.NotEqual(steps, other.Trials.Select(t => t.GoCueStep));
        Assert.All(steps, s => Assert.InRange(s, 20, 40)); // round((0.3 ∓ 0.1) / 0.01)
        Assert.True(steps.Distinct().Count() > 5, "jitter should spread the cue over many steps");
        Assert.Equal(first.Inputs.Values.AsSpan().ToArray(), again.Inputs.Values.AsSpan().ToArray());
    }

    [Fact]
    public void Trial_b_does_not_depend_on_the_batch_size()
    {
        var task = new CenterOutTask(new CenterOutTaskOptions { GoCueJitter = 0.2 });
        var small = Create(task, 4);
        var large = Create(task, 20);
        for (var b = 0; b < 4; b++)
        {
            Assert.Equal(small.Trials[b], large.Trials[b]);
            Assert.Equal(small.ReferenceHand.Trajectory(b).ToArray(), large.ReferenceHand.Trajectory(b).ToArray());
            Assert.Equal(small.Inputs.Values.Trajectory(b).ToArray(), large.Inputs.Values.Trajectory(b).ToArray());
        }
    }

    [Fact]
    public void Too_few_steps_for_the_cue_and_the_movement_are_reported_with_numbers()
    {
        var task = new CenterOutTask(new CenterOutTaskOptions { GoCueTime = 0.3, MovementTime = 0.5 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(task, 2, steps: 79));
        Assert.Contains("needs at least 80 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("79 steps", error.Message, StringComparison.Ordinal);
        var batch = Create(task, 2, steps: 80);
        Assert.Equal(batch.Trials[0].Target, Point3.FromSpan(batch.ReferenceHand.At(0, 79)));
    }

    [Theory]
    [InlineData("Radius", -0.1)]
    [InlineData("MovementTime", 0.0)]
    [InlineData("GoCueTime", -1.0)]
    [InlineData("GoCueJitter", 0.5)]
    public void Invalid_options_are_rejected_naming_the_option_and_value(string option, double value)
    {
        var options = new CenterOutTaskOptions();
        typeof(CenterOutTaskOptions).GetProperty(option)!.SetValue(options, value);
        var error = Assert.Throws<ArgumentException>(() => new CenterOutTask(options));
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_count_out_of_range_is_rejected_with_the_range()
    {
        var error = Assert.Throws<ArgumentException>(() => new CenterOutTask(new CenterOutTaskOptions { TargetCount = 0 }));
        Assert.Contains("TargetCount must be in [1, 360]; it is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_without_z_starts_at_z_0_and_a_tilted_plane_is_honoured()
    {
        var plane = new ReachPlane(new Point3(0, 0, 1), new Point3(1, 0, 0));
        var task = new CenterOutTask(new CenterOutTaskOptions { Hand = TaskTestStates.PlanarHand, Plane = plane, TargetCount = 4 });
        var states = new TrajectoryArray(4, 1, 3);
        for (var b = 0; b < 4; b++)
        {
            states[b, 0, 1] = 0.3;
            states[b, 0, 2] = 0.4;
        }

        var batch = task.CreateBatch(4, 100, Dt, states, TaskTestStates.PlanarLayout, new DeterministicRandom(1));
        Assert.Equal(new Point3(0.3, 0.4, 0), batch.Trials[0].Start);
        Assert.Equal(0.0, batch.Trials[0].Target.DistanceTo(new Point3(0.3, 0.4, 0.1)), Tolerance); // angle 0 along U = z
        Assert.Equal(0.0, batch.Trials[1].Target.DistanceTo(new Point3(0.4, 0.4, 0)), Tolerance); // angle π/2 along V = x
        Assert.Equal(plane, batch.Plane); // the batch names its plane, in which controller training scores the hand
        Assert.Equal(ReachPlane.XY, Create(new CenterOutTask(), 2).Plane);
    }

    [Fact]
    public void One_trial_per_target_from_one_start_state()
    {
        var task = new CenterOutTask();
        var start = TaskTestStates.Arm26(1).At(0, 0).ToArray();
        var batch = task.CreateOnePerTarget(100, Dt, start, Arm26Layout.Full, new DeterministicRandom(3));
        Assert.Equal(8, batch.BatchSize);
        Assert.Equal(Enumerable.Range(0, 8), batch.Trials.Select(t => t.Condition));
        Assert.All(batch.Trials, t => Assert.Equal(TaskTestStates.HandAt(0), t.Start));
    }

    [Fact]
    public void Options_are_copied_in_and_out()
    {
        var options = new CenterOutTaskOptions { Radius = 0.08 };
        var task = new CenterOutTask(options);
        options.Radius = 0.5;
        task.Options.Radius = 0.5;
        Assert.Equal(0.08, task.Options.Radius);
        Assert.Contains("8 targets at 0.08 m", task.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_states_of_the_wrong_shape_are_rejected()
    {
        var task = new CenterOutTask();
        var error = Assert.Throws<ArgumentException>(() =>
            task.CreateBatch(3, 100, Dt, TaskTestStates.Arm26(2), Arm26Layout.Full, new DeterministicRandom(1)));
        Assert.Contains("[3, 1, 49]", error.Message, StringComparison.Ordinal);
    }
}
