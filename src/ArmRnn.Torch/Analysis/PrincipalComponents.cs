using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Principal component analysis of a samples × units matrix: the eigenvectors of the sample covariance
/// <c>Xcᵀ·Xc / (N − 1)</c> (Xc: the data minus its mean), sorted by variance, with the fraction of the total variance
/// each explains.
/// </summary>
/// <remarks>The covariance is formed and decomposed as a symmetric matrix (MathNet): memory n² doubles and time
/// about n³ for n units (8 MiB and a few seconds at n = 1024). Each component's sign is fixed so that its loading of
/// largest magnitude is positive.</remarks>
public sealed class PrincipalComponents
{
    private PrincipalComponents(Vector<double> mean, Matrix<double> components, double[] variances, double totalVariance)
    {
        Mean = mean;
        Components = components;
        Variances = variances;
        TotalVariance = totalVariance;
        VarianceExplained = [.. variances.Select(v => totalVariance > 0 ? v / totalVariance : 0)];
        var cumulative = new double[variances.Length];
        var sum = 0.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            sum += VarianceExplained[i];
            cumulative[i] = sum;
        }

        CumulativeVarianceExplained = cumulative;
    }

    /// <summary>The per-unit mean that was subtracted.</summary>
    public Vector<double> Mean { get; }

    /// <summary>The components as orthonormal columns <c>[unit, component]</c>, largest variance first.</summary>
    public Matrix<double> Components { get; }

    /// <summary>The variance (N − 1 normalisation) along each component.</summary>
    public IReadOnlyList<double> Variances { get; }

    /// <summary>The total variance: the sum of the units' variances (the covariance's trace).</summary>
    public double TotalVariance { get; }

    /// <summary>The fraction of <see cref="TotalVariance"/> along each component.</summary>
    public IReadOnlyList<double> VarianceExplained { get; }

    /// <summary>The cumulative fractions.</summary>
    public IReadOnlyList<double> CumulativeVarianceExplained { get; }

    /// <summary>The number of components kept.</summary>
    public int Count => Components.ColumnCount;

    /// <summary>Fits the components.</summary>
    /// <param name="data">Samples × units (at least two samples).</param>
    /// <param name="components">Components to keep; all (the number of units) when null.</param>
    /// <exception cref="ArgumentException">Fewer than two samples, a non-finite value, or a bad component count.</exception>
    public static PrincipalComponents Fit(Matrix<double> data, int? components = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RowCount < 2 || data.ColumnCount < 1)
        {
            throw new ArgumentException($"PCA needs at least two samples and one unit; the data is {data.RowCount}×{data.ColumnCount}.", nameof(data));
        }

        if (data.Enumerate().Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The data has a non-finite value.", nameof(data));
        }

        var keep = components ?? data.ColumnCount;
        if (keep < 1 || keep > data.ColumnCount)
        {
            throw new ArgumentException($"Cannot keep {keep} components of {data.ColumnCount} units.", nameof(components));
        }

        var mean = data.ColumnSums() / data.RowCount;
        var centered = data - Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, c) => mean[c]);
        var covariance = centered.TransposeThisAndMultiply(centered) / (data.RowCount - 1);
        // Exact symmetry for the symmetric solver.
        covariance = (covariance + covariance.Transpose()) * 0.5;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(keep).ToArray();
        var basis = Matrix<double>.Build.Dense(data.ColumnCount, keep);
        for (var k = 0; k < keep; k++)
        {
            var column = evd.EigenVectors.Column(order[k]);
            var largest = column.AbsoluteMaximumIndex();
            if (column[largest] < 0)
            {
                column = -column;
            }

            basis.SetColumn(k, column);
        }

        return new PrincipalComponents(mean, basis, [.. order.Select(i => values[i])], covariance.Trace());
    }

    /// <summary>Projects samples × units onto the components: <c>(x − mean)·Components</c>.</summary>
    public Matrix<double> Project(Matrix<double> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ColumnCount != Mean.Count)
        {
            throw new ArgumentException($"The data has {data.ColumnCount} units but the components were fitted on {Mean.Count}.", nameof(data));
        }

        var centered = data - Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, c) => Mean[c]);
        return centered * Components;
    }

    /// <summary>Projects one state onto the components.</summary>
    public double[] Project(IReadOnlyList<double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var row = Matrix<double>.Build.Dense(1, state.Count, (_, c) => state[c]);
        return [.. Project(row).Row(0)];
    }
}
