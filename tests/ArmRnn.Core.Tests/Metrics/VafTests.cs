using ArmRnn.Metrics;

namespace ArmRnn.Core.Tests.Metrics;

public class VafTests
{
    // Sums of a few small integers and one division: exact to rounding.
    private const double Tolerance = 1e-12;

    [Fact]
    public void Hand_computed_example()
    {
        // actual mean 2.5, SST = 2.25 + 0.25 + 0.25 + 2.25 = 5; SSE = 1 → 100·(1 − 1/5) = 80%.
        Assert.Equal(80.0, Vaf.Compute([1, 2, 3, 5], [1, 2, 3, 4]), Tolerance);
    }

    [Fact]
    public void Perfect_prediction_is_100_and_predicting_the_mean_is_0()
    {
        double[] actual = [0.3, -1.2, 2.5, 0.8, 1.1];
        Assert.Equal(100.0, Vaf.Compute(actual, actual), Tolerance);
        var mean = actual.Average();
        Assert.Equal(0.0, Vaf.Compute(Enumerable.Repeat(mean, actual.Length).ToArray(), actual), Tolerance);
    }

    [Fact]
    public void Worse_than_the_mean_is_negative()
    {
        // actual [0, 2]: mean 1, SST 2; predicted [2, 0]: SSE 8 → 100·(1 − 4) = −300%.
        Assert.Equal(-300.0, Vaf.Compute([2, 0], [0, 2]), Tolerance);
    }

    [Fact]
    public void A_constant_actual_signal_or_no_values_gives_NaN()
    {
        Assert.True(double.IsNaN(Vaf.Compute([1, 2, 3], [2, 2, 2])));
        Assert.True(double.IsNaN(Vaf.Compute([], [])));
    }

    [Fact]
    public void Different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Vaf.Compute([1, 2], [1, 2, 3]));
        Assert.Contains("2 predicted values for 3 actual values", error.Message, StringComparison.Ordinal);
    }
}
