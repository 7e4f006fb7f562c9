using ArmRnn.Data;
using ArmRnn.Options;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// jPCA (Churchland et al. 2012, Nature 487:51): fits linear dynamics <c>dx/dt = M·x</c> to condition-averaged
/// population trajectories projected on their top principal components, once with M unconstrained (M_best) and once
/// with M skew-symmetric (M_skew, pure rotation), and reports both R² and the planes of M_skew's rotations.
/// </summary>
/// <remarks>
/// Steps: optional soft normalisation per unit; optional subtraction of the cross-condition mean at each time; PCA
/// over all conditions and times, keeping <see cref="JPcaOptions.Dimensions"/> components; then, within each
/// condition, the forward difference <c>dx_t = (x_{t+1} − x_t) / dt</c> is paired with <c>x_t</c> (t = 0 … T − 2).
/// Both fits are ordinary least squares over all pairs (QR); M_skew is parametrised by its k(k − 1)/2 entries above
/// the diagonal. For <c>x_{t+1} = ρR(θ)x_t</c> from evenly spaced start angles this gives R²_best = 1 and
/// R²_skew = ρ²sin²θ / ((ρcosθ − 1)² + ρ²sin²θ).
/// </remarks>
public static class JPca
{
    /// <summary>Fits jPCA.</summary>
    /// <param name="data">Condition-averaged activity <c>[condition, time, unit]</c> (at least 2 times).</param>
    /// <param name="dt">The time step (s) between samples.</param>
    /// <param name="options">Options; the defaults when null.</param>
    /// <exception cref="ArgumentException">Too few times or units, or a non-finite value.</exception>
    public static JPcaResult Fit(TrajectoryArray data, double dt, JPcaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var o = (options ?? new JPcaOptions()).Clone().EnsureValid();
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step must be a positive, finite number of seconds.");
        }

        if (data.Steps < 2 || data.Channels < 2 || data.BatchSize < 1)
        {
            throw new ArgumentException($"jPCA needs at least one condition, two times and two units; the data is [{data.BatchSize}, {data.Steps}, {data.Channels}].", nameof(data));
        }

        var prepared = Prepare(data, o);
        var flat = PopulationMatrix.Flatten(prepared);
        var k = Math.Min(o.Dimensions, data.Channels);
        var pca = PrincipalComponents.Fit(flat, k);
        var projected = pca.Project(flat);
        var conditions = data.BatchSize;
        var steps = data.Steps;
        var pairs = conditions * (steps - 1);
        var x = Matrix<double>.Build.Dense(pairs, k);
        var dx = Matrix<double>.Build.Dense(pairs, k);
        for (var c = 0; c < conditions; c++)
        {
            for (var t = 0; t < steps - 1; t++)
            {
                var row = (c * (steps - 1)) + t;
                for (var j = 0; j < k; j++)
                {
                    var now = projected[(c * steps) + t, j];
                    x[row, j] = now;
                    dx[row, j] = (projected[(c * steps) + t + 1, j] - now) / dt;
                }
            }
        }

        // Rows are samples: dx ≈ x·Mᵀ.
        var best = x.QR().Solve(dx).Transpose();
        var skew = FitSkew(x, dx);
        var rBest = RSquared(x, dx, best);
        var rSkew = RSquared(x, dx, skew);
        var planes = Planes(skew, pca, projected, conditions, steps);
        return new JPcaResult(best, skew, rBest, rSkew, planes, pca);
    }

    private static TrajectoryArray Prepare(TrajectoryArray data, JPcaOptions o)
    {
        var result = data.Clone();
        var n = data.Channels;
        var values = result.AsSpan();
        if (values.ToArray().Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The data has a non-finite value.", nameof(data));
        }

        if (o.SoftNormalization is { } soft)
        {
            for (var u = 0; u < n; u++)
            {
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (var r = u; r < values.Length; r += n)
                {
                    min = Math.Min(min, values[r]);
                    max = Math.Max(max, values[r]);
                }

                var scale = (max - min) + soft;
                if (scale > 0)
                {
                    for (var r = u; r < values.Length; r += n)
                    {
                        values[r] /= scale;
                    }
                }
            }
        }

        if (o.SubtractConditionMean)
        {
            var mean = new double[n];
            for (var t = 0; t < data.Steps; t++)
            {
                Array.Clear(mean);
                for (var c = 0; c < data.BatchSize; c++)
                {
                    var row = result.At(c, t);
                    for (var u = 0; u < n; u++)
                    {
                        mean[u] += row[u] / data.BatchSize;
                    }
                }

                for (var c = 0; c < data.BatchSize; c++)
                {
                    var row = result.At(c, t);
                    for (var u = 0; u < n; u++)
                    {
                        row[u] -= mean[u];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The least-squares skew-symmetric M for dx ≈ x·Mᵀ: unknowns m_ij (i &lt; j) with M_ij = m_ij and
    /// M_ji = −m_ij, so dx_i gets +m_ij·x_j and dx_j gets −m_ij·x_i.</summary>
    private static Matrix<double> FitSkew(Matrix<double> x, Matrix<double> dx)
    {
        var k = x.ColumnCount;
        var samples = x.RowCount;
        var parameters = k * (k - 1) / 2;
        var design = Matrix<double>.Build.Dense(samples * k, parameters);
        var target = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(samples * k);
        for (var s = 0; s < samples; s++)
        {
            for (var i = 0; i < k; i++)
            {
                target[(s * k) + i] = dx[s, i];
            }

            var p = 0;
            for (var i = 0; i < k; i++)
            {
                for (var j = i + 1; j < k; j++)
                {
                    design[(s * k) + i, p] = x[s, j];
                    design[(s * k) + j, p] = -x[s, i];
                    p++;
                }
            }
        }

        var solution = design.QR().Solve(target);
        var m = Matrix<double>.Build.Dense(k, k);
        var index = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                m[i, j] = solution[index];
                m[j, i] = -solution[index];
                index++;
            }
        }

        return m;
    }

    private static double RSquared(Matrix<double> x, Matrix<double> dx, Matrix<double> m)
    {
        var residual = dx - (x * m.Transpose());
        var mean = dx.ColumnSums() / dx.RowCount;
        var total = 0.0;
        for (var r = 0; r < dx.RowCount; r++)
        {
            for (var c = 0; c < dx.ColumnCount; c++)
            {
                var d = dx[r, c] - mean[c];
                total += d * d;
            }
        }

        var sse = residual.Enumerate().Sum(v => v * v);
        return total > 0 ? 1 - (sse / total) : double.NaN;
    }

    /// <summary>For each eigenvalue iω (ω &gt; 0) of M_skew with eigenvector a + ib: M·a = −ω·b and M·b = ω·a, so
    /// x = α·a − γ·b rotates from a towards −b; the plane is (a, −b), normalised.</summary>
    private static List<JPcaPlane> Planes(Matrix<double> skew, PrincipalComponents pca, Matrix<double> projected, int conditions, int steps)
    {
        var k = skew.RowCount;
        var evd = skew.Evd(Symmetricity.Asymmetric);
        var values = evd.EigenValues.ToArray();
        var planes = new List<JPcaPlane>();
        foreach (var index in Enumerable.Range(0, k).Where(i => values[i].Imaginary > 1e-12).OrderByDescending(i => values[i].Imaginary))
        {
            var v = JacobianSpectrum.Eigenvector(skew, values, evd.EigenVectors, index);
            var first = Normalize([.. v.Select(c => c.Real)]);
            var second = Normalize([.. v.Select(c => -c.Imaginary)]);
            var firstUnits = pca.Components * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(first);
            var secondUnits = pca.Components * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(second);
            var projection = new TrajectoryArray(conditions, steps, 2);
            for (var r = 0; r < projected.RowCount; r++)
            {
                var row = projection.At(r / steps, r % steps);
                for (var j = 0; j < k; j++)
                {
                    row[0] += projected[r, j] * first[j];
                    row[1] += projected[r, j] * second[j];
                }
            }

            planes.Add(new JPcaPlane(first, second, [.. firstUnits], [.. secondUnits], values[index].Imaginary, projection));
        }

        return planes;
    }

    private static double[] Normalize(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return norm > 0 ? [.. v.Select(x => x / norm)] : v;
    }
}
