using ArmRnn.Data;
using ArmRnn.Layouts;

namespace ArmRnn.Core.Tests.DataModel;

public class TrajectoryBatchTests
{
    private static readonly StateLayout Layout = new("tiny", [
        new StateChannel("q", "rad", ChannelGroup.JointAngle, "j"),
        new StateChannel("u", "rad/s", ChannelGroup.JointSpeed, "j"),
    ]);

    private static TrajectoryBatch Make(int batch, int steps, double offset)
    {
        var states = new TrajectoryArray(batch, steps, 2);
        var span = states.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = offset + i;
        }

        return new TrajectoryBatch(Layout, ["m"], 0.01, new TrajectoryArray(batch, 1, 2), new TrajectoryArray(batch, steps, 1), states, TaskInputSequence.None(batch, steps), 2,
            new Dictionary<string, string> { ["seed"] = "5" });
    }

    [Fact]
    public void Array_indexing_is_row_major_batch_time_channel()
    {
        var array = new TrajectoryArray(2, 3, 4);
        array[1, 2, 3] = 7;
        Assert.Equal(7, array.AsSpan()[(((1 * 3) + 2) * 4) + 3]);
        Assert.Equal(7, array.At(1, 2)[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[0, 0, 4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[2, 0, 0]);
        var error = Assert.Throws<ArgumentException>(() => new TrajectoryArray(2, 3, 4, new double[23]));
        Assert.Contains("[2, 3, 4] needs 24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_blocks_round_trip()
    {
        var array = new TrajectoryArray(3, 4, 2);
        double[] block = [1, 2, 3, 4, 5, 6];
        array.SetStep(2, block);
        var copy = new double[6];
        array.CopyStepTo(2, copy);
        Assert.Equal(block, copy);
        Assert.Equal(3, array[1, 2, 0]);
        Assert.Throws<ArgumentException>(() => array.SetStep(0, new double[5]));
    }

    [Fact]
    public void Shapes_that_disagree_are_rejected_with_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrajectoryBatch(Layout, ["m"], 0.01,
            new TrajectoryArray(2, 1, 2), new TrajectoryArray(2, 5, 2), new TrajectoryArray(2, 5, 2), TaskInputSequence.None(2, 5)));
        Assert.Contains("excitations have shape [2, 5, 2] but [2, 5, 1]", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Make(1, 1, 0).WithProvenance([]) is { } b
            ? new TrajectoryBatch(b.Layout, b.ExcitationNames, 0, b.InitialStates, b.Excitations, b.States, b.TaskInputs)
            : null);
    }

    [Fact]
    public void Concatenate_and_select_keep_trajectories_intact()
    {
        var a = Make(2, 3, 0);
        var b = Make(1, 3, 100);
        var joined = TrajectoryBatch.Concatenate([a, b]);
        Assert.Equal(3, joined.BatchSize);
        Assert.Equal(b.States.Trajectory(0).ToArray(), joined.States.Trajectory(2).ToArray());
        var picked = joined.SelectBatch([2, 0]);
        Assert.Equal(b.States.Trajectory(0).ToArray(), picked.States.Trajectory(0).ToArray());
        Assert.Equal(a.States.Trajectory(0).ToArray(), picked.States.Trajectory(1).ToArray());
        Assert.Equal(2, picked.Generation);
        Assert.Equal("5", picked.Provenance["seed"]);
        Assert.Equal(0.03, joined.Duration, 15);
        Assert.Equal(0.01, joined.StateTime(0), 15);
    }

    [Fact]
    public void Concatenating_different_step_counts_names_the_batch()
    {
        var error = Assert.Throws<ArgumentException>(() => TrajectoryBatch.Concatenate([Make(1, 3, 0), Make(1, 4, 0)]));
        Assert.Contains("Batch 1 has 4 steps", error.Message, StringComparison.Ordinal);
    }
}
