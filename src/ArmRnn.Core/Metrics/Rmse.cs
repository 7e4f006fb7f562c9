namespace ArmRnn.Metrics;

/// <summary>Root mean square error: √(Σ(predicted − actual)² / n), in the unit of the values; NaN when there are
/// no values.</summary>
public static class Rmse
{
    /// <summary>The RMSE of <paramref name="predicted"/> against <paramref name="actual"/>.</summary>
    /// <param name="predicted">Predicted values.</param>
    /// <param name="actual">Actual values, as many.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Vaf.RequireSameLength(predicted, actual);
        if (actual.Length == 0)
        {
            return double.NaN;
        }

        var sse = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = predicted[i] - actual[i];
            sse += error * error;
        }

        return Math.Sqrt(sse / actual.Length);
    }
}
