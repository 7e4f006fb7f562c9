using ArmRnn.Data;
using ArmRnn.Options;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Trajectory tangling (Russo et al. 2018, Neuron 97:953): for every sample t,
/// <c>Q(t) = max over t' of ‖ẋ_t − ẋ_t'‖² / (‖x_t − x_t'‖² + ε)</c>, with t' ranging over every sample of every
/// condition. High Q means that similar states are followed by different changes, which smooth autonomous dynamics
/// avoid.
/// </summary>
/// <remarks>
/// Derivatives are forward differences <c>ẋ_t = (x_{t+1} − x_t) / dt</c> within a condition (wrapping to the first
/// sample when <see cref="TanglingOptions.Periodic"/>). ε defaults to 0.1 × the total variance of the states used
/// (sum of unit variances, N − 1 normalisation). Example: a unit circle at ω = 2π rad/s sampled every 10 ms over one
/// period (100 samples, periodic) has forward-difference speed r = 2 sin(π/100)/0.01, total variance 100/99
/// (each coordinate's N − 1 variance is ½·100/99), so ε = 0.1·100/99 and, at the opposite sample (‖x_t − x_t'‖² = 4),
/// Q = 4r² / (4 + ε) = 38.4934 at every sample. Cost: O(N²·n) for N samples of n units.
/// </remarks>
public static class Tangling
{
    /// <summary>Computes Q(t).</summary>
    /// <param name="data">States <c>[condition, time, unit]</c>, at least two times.</param>
    /// <param name="dt">The time step (s).</param>
    /// <param name="options">Options; the defaults when null.</param>
    /// <exception cref="ArgumentException">Too few times, a non-finite value, or zero total variance with the default ε.</exception>
    public static TanglingResult Compute(TrajectoryArray data, double dt, TanglingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = (options ?? new TanglingOptions()).Clone().EnsureValid();
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step must be a positive, finite number of seconds.");
        }

        if (data.Steps < 2 || data.BatchSize < 1 || data.Channels < 1)
        {
            throw new ArgumentException($"Tangling needs at least one condition, two times and one unit; the data is [{data.BatchSize}, {data.Steps}, {data.Channels}].", nameof(data));
        }

        var n = data.Channels;
        var perCondition = o.Periodic ? data.Steps : data.Steps - 1;
        var count = data.BatchSize * perCondition;
        var states = new double[count * n];
        var derivatives = new double[count * n];
        for (var c = 0; c < data.BatchSize; c++)
        {
            for (var t = 0; t < perCondition; t++)
            {
                var now = data.At(c, t);
                var next = data.At(c, (t + 1) % data.Steps);
                var row = ((c * perCondition) + t) * n;
                for (var u = 0; u < n; u++)
                {
                    if (!double.IsFinite(now[u]))
                    {
                        throw new ArgumentException($"The data has a non-finite value at condition {c}, time {t}, unit {u}.", nameof(data));
                    }

                    states[row + u] = now[u];
                    derivatives[row + u] = (next[u] - now[u]) / dt;
                }
            }
        }

        var totalVariance = TotalVariance(states, count, n);
        var epsilon = o.Epsilon ?? (o.EpsilonFraction * totalVariance);
        if (!(epsilon > 0))
        {
            throw new ArgumentException("The states do not vary, so the default ε (a fraction of their variance) is 0; set Epsilon.", nameof(data));
        }

        var values = new double[data.BatchSize][];
        for (var c = 0; c < data.BatchSize; c++)
        {
            values[c] = new double[perCondition];
            for (var t = 0; t < perCondition; t++)
            {
                var i = (c * perCondition) + t;
                var best = 0.0;
                for (var j = 0; j < count; j++)
                {
                    double dState = 0, dDerivative = 0;
                    for (var u = 0; u < n; u++)
                    {
                        var a = states[(i * n) + u] - states[(j * n) + u];
                        var b = derivatives[(i * n) + u] - derivatives[(j * n) + u];
                        dState += a * a;
                        dDerivative += b * b;
                    }

                    best = Math.Max(best, dDerivative / (dState + epsilon));
                }

                values[c][t] = best;
            }
        }

        return new TanglingResult(values, epsilon, totalVariance);
    }

    private static double TotalVariance(double[] states, int count, int n)
    {
        if (count < 2)
        {
            return 0;
        }

        var total = 0.0;
        for (var u = 0; u < n; u++)
        {
            var mean = 0.0;
            for (var i = 0; i < count; i++)
            {
                mean += states[(i * n) + u];
            }

            mean /= count;
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                var d = states[(i * n) + u] - mean;
                sum += d * d;
            }

            total += sum / (count - 1);
        }

        return total;
    }
}
