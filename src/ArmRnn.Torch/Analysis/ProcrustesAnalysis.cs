using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Procrustes shape comparison of two population datasets with the same samples: both are centred and scaled to unit
/// Frobenius norm, Y is rotated (an orthogonal matrix, reflections allowed) and scaled onto X, and the remaining sum of
/// squared differences is the disparity (as scipy.spatial.procrustes). The narrower dataset is padded with zero
/// columns.
/// </summary>
/// <remarks>With X̂ and Ŷ standardised and <c>ŶᵀX̂ = U·S·Vᵀ</c>, the best rotation is <c>R = U·Vᵀ</c>, the scale
/// <c>s = trace(S)</c> and the disparity <c>1 − s²</c>.</remarks>
public static class ProcrustesAnalysis
{
    /// <summary>Compares the shapes of two datasets.</summary>
    /// <param name="x">Samples × units of the reference.</param>
    /// <param name="y">Samples × units of the dataset fitted onto it (same number of rows).</param>
    /// <exception cref="ArgumentException">The row counts differ, or a dataset is constant or has a non-finite value.</exception>
    public static ProcrustesResult Fit(Matrix<double> x, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount != y.RowCount)
        {
            throw new ArgumentException($"Procrustes needs the same samples in both datasets; X has {x.RowCount} rows and Y has {y.RowCount}.", nameof(y));
        }

        var width = Math.Max(x.ColumnCount, y.ColumnCount);
        var xs = Standardize(Pad(x, width), nameof(x));
        var ys = Standardize(Pad(y, width), nameof(y));
        var svd = ys.TransposeThisAndMultiply(xs).Svd(computeVectors: true);
        var rotation = svd.U * svd.VT;
        var scale = svd.S.Sum();
        var disparity = Math.Clamp(1 - (scale * scale), 0, 1);
        return new ProcrustesResult(disparity, rotation, scale);
    }

    private static Matrix<double> Pad(Matrix<double> data, int width)
    {
        if (data.ColumnCount == width)
        {
            return data;
        }

        var padded = Matrix<double>.Build.Dense(data.RowCount, width);
        padded.SetSubMatrix(0, 0, data);
        return padded;
    }

    private static Matrix<double> Standardize(Matrix<double> data, string name)
    {
        if (data.Enumerate().Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"Dataset {name} has a non-finite value.", name);
        }

        var centered = CanonicalCorrelation.Center(data);
        var norm = centered.FrobeniusNorm();
        return norm > 0 ? centered / norm : throw new ArgumentException($"Dataset {name} is constant; its shape is undefined.", name);
    }
}
