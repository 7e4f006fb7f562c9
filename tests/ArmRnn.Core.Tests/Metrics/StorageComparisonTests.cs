using ArmRnn.Data;
using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class StorageComparisonTests
{
    [Fact]
    public void Errors_are_measured_at_the_reference_times_with_the_simulation_interpolated()
    {
        var reference = new StorageTable("ref", ["time", "q", "only_in_reference"], [[0, 0, 5], [1, 1, 5], [2, 2, 5]]);
        var actual = new StorageTable("act", ["time", "q"], [[0, 0], [2, 2.2]]);
        var agreement = Assert.Single(StorageComparison.Compare(reference, actual));
        // Interpolated simulation at t = 1 is 1.1: errors 0, 0.1, 0.2 (hand computed).
        Assert.Equal("q", agreement.Channel);
        Assert.Equal(Math.Sqrt(0.05 / 3), agreement.Rmse, 12);
        Assert.Equal(0.2, agreement.MaxAbsError, 12);
        // SSE 0.05 against SST 2 about the reference mean of 1.
        Assert.Equal(97.5, agreement.Vaf, 10);
        Assert.Equal(2, agreement.ReferenceRange);
    }

    [Fact]
    public void Tables_without_common_channels_are_rejected()
    {
        var reference = new StorageTable("ref", ["time", "a"], [[0, 1]]);
        var actual = new StorageTable("act", ["time", "b"], [[0, 1]]);
        Assert.Throws<ArgumentException>(() => StorageComparison.Compare(reference, actual));
    }
}
