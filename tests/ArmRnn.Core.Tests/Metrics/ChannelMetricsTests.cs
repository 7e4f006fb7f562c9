using ArmRnn.Data;
using ArmRnn.Layouts;
using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class ChannelMetricsTests
{
    // Hand-computed values from small integers and halves: rounding only.
    private const double Tolerance = 1e-12;

    private static readonly StateLayout Layout = new(
        "metrics-test",
        [
            new StateChannel("a", "m", ChannelGroup.Other, "x"),
            new StateChannel("b", "m", ChannelGroup.Other, "x"),
            new StateChannel("c", "m", ChannelGroup.Other, "x"),
        ]);

    /// <summary>[2 trajectories, 2 steps, 3 channels] from per-channel value lists in (b, t) order.</summary>
    private static TrajectoryArray Array3(double[] a, double[] b, double[] c)
    {
        var array = new TrajectoryArray(2, 2, 3);
        for (var i = 0; i < 4; i++)
        {
            array[i / 2, i % 2, 0] = a[i];
            array[i / 2, i % 2, 1] = b[i];
            array[i / 2, i % 2, 2] = c[i];
        }

        return array;
    }

    [Fact]
    public void Per_channel_scores_match_hand_computed_values()
    {
        var actual = Array3([1, 2, 3, 4], [2, 2, 2, 2], [0, 1, 0, 1]);
        var predicted = Array3([1, 2, 3, 5], [2, 2, 2, 3], [0.5, 0.5, 0.5, 0.5]);
        var scores = ChannelMetrics.Compute(predicted, actual, Layout);

        Assert.Equal(["a", "b", "c"], scores.ChannelNames);
        Assert.Equal(80.0, scores.VafOf("a"), Tolerance); // SSE 1, SST 5
        Assert.Equal(0.5, scores.RmseOf("a"), Tolerance); // √(1/4)
        Assert.True(double.IsNaN(scores.VafOf("b"))); // constant actual channel
        Assert.Equal(0.5, scores["b"].Rmse, Tolerance);
        Assert.Equal(0.0, scores.VafOf("c"), Tolerance); // predicting the mean 0.5: SSE = SST = 1
        Assert.Equal(0.5, scores.RmseOf("c"), Tolerance);
        Assert.Equal(40.0, scores.MeanVaf, Tolerance); // (80 + 0) / 2: the NaN channel is left out
    }

    [Fact]
    public void SST_is_taken_about_the_mean_over_the_whole_set()
    {
        // Each trajectory of channel a is constant (per-trajectory SST would be 0), but the set varies:
        // mean 2, SST = 4·1 = 4; SSE = 1 → 75%.
        var actual = Array3([1, 1, 3, 3], [0, 1, 2, 3], [0, 1, 2, 3]);
        var predicted = Array3([1, 1, 3, 2], [0, 1, 2, 3], [0, 1, 2, 3]);
        var scores = ChannelMetrics.Compute(predicted, actual, Layout);
        Assert.Equal(75.0, scores.VafOf("a"), Tolerance);
        Assert.Equal(100.0, scores.VafOf("b"), Tolerance);
    }

    [Fact]
    public void A_subset_of_channels_can_be_scored_in_a_given_order()
    {
        var actual = Array3([1, 2, 3, 4], [2, 2, 2, 2], [0, 1, 0, 1]);
        var scores = ChannelMetrics.Compute(actual, actual, Layout, ["c", "a"]);
        Assert.Equal(["c", "a"], scores.ChannelNames);
        Assert.Equal(100.0, scores.MeanVaf, Tolerance);
    }

    [Fact]
    public void Unknown_channels_and_mismatched_shapes_are_reported_clearly()
    {
        var actual = Array3([1, 2, 3, 4], [2, 2, 2, 2], [0, 1, 0, 1]);
        var scores = ChannelMetrics.Compute(actual, actual, Layout);
        var missing = Assert.Throws<KeyNotFoundException>(() => scores.VafOf("hand_x"));
        Assert.Contains("'hand_x'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'a', 'b', 'c'", missing.Message, StringComparison.Ordinal);
        Assert.False(scores.TryGet("hand_x", out _));

        var shape = Assert.Throws<ArgumentException>(() => ChannelMetrics.Compute(new TrajectoryArray(2, 3, 3), actual, Layout));
        Assert.Contains("[2, 3, 3]", shape.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 2, 3]", shape.Message, StringComparison.Ordinal);
        var layout = Assert.Throws<ArgumentException>(() => ChannelMetrics.Compute(actual, actual, Arm26Layout.Full));
        Assert.Contains("49", layout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_reject_repeated_channels_and_mean_is_NaN_without_defined_channels()
    {
        Assert.Throws<ArgumentException>(() => new ChannelScores([new("a", 1, 1), new("a", 2, 2)]));
        var scores = new ChannelScores([new("a", double.NaN, 0)]);
        Assert.True(double.IsNaN(scores.MeanVaf));
    }
}
