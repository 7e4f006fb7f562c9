namespace ArmRnn.Metrics;

/// <summary>
/// Variance accounted for, in percent: VAF = 100 · (1 − SSE / SST), with SSE = Σ(predicted − actual)² and
/// SST = Σ(actual − mean(actual))². 100 is a perfect prediction, 0 is as good as predicting the mean, and it is
/// negative for worse. It is NaN when SST = 0 (a constant actual signal has no variance to account for), when
/// there are no values, or when a value is NaN.
/// </summary>
public static class Vaf
{
    /// <summary>The VAF (%) of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    /// <param name="predicted">Predicted values.</param>
    /// <param name="actual">Actual values, as many.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        RequireSameLength(predicted, actual);
        if (actual.Length == 0)
        {
            return double.NaN;
        }

        var mean = 0.0;
        foreach (var a in actual)
        {
            mean += a;
        }

        mean /= actual.Length;
        double sse = 0, sst = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = predicted[i] - actual[i];
            var deviation = actual[i] - mean;
            sse += error * error;
            sst += deviation * deviation;
        }

        return FromSums(sse, sst);
    }

    /// <summary>The VAF (%) from the sums of squares: 100 · (1 − <paramref name="sse"/> / <paramref name="sst"/>),
    /// NaN when <paramref name="sst"/> is 0.</summary>
    /// <param name="sse">Sum of squared errors.</param>
    /// <param name="sst">Total sum of squares about the mean of the actual values.</param>
    public static double FromSums(double sse, double sst) => sst == 0 ? double.NaN : 100.0 * (1.0 - (sse / sst));

    /// <summary>Throws when the spans' lengths differ.</summary>
    internal static void RequireSameLength(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"{predicted.Length} predicted values for {actual.Length} actual values.", nameof(predicted));
        }
    }
}
