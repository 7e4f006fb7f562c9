using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class RmseTests
{
    // One square root of a small rational: rounding only.
    private const double Tolerance = 1e-12;

    [Fact]
    public void Hand_computed_examples()
    {
        Assert.Equal(0.5, Rmse.Compute([1, 2, 3, 5], [1, 2, 3, 4]), Tolerance); // √(1/4)
        Assert.Equal(Math.Sqrt(12.5), Rmse.Compute([0, 0], [3, 4]), Tolerance); // √((9 + 16)/2)
        Assert.Equal(0.0, Rmse.Compute([1.5, 2.5], [1.5, 2.5]));
    }

    [Fact]
    public void No_values_give_NaN_and_different_lengths_are_rejected()
    {
        Assert.True(double.IsNaN(Rmse.Compute([], [])));
        Assert.Throws<ArgumentException>(() => Rmse.Compute([1], [1, 2]));
    }
}
