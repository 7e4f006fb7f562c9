using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Canonical correlation analysis of two population datasets with the same samples (rows; e.g. condition × time)
/// and any numbers of units (columns): the cosines of the principal angles between the column spaces of the
/// mean-centred data.
/// </summary>
/// <remarks>
/// Each centred matrix is reduced to an orthonormal basis of its column space: thin QR, then the SVD of R, keeping
/// directions whose singular value exceeds <see cref="RankTolerance"/> times the largest (so collinear units do not
/// break it). The canonical correlations are the singular values of <c>Qxᵀ·Qy</c>. Y = X·W with W invertible gives
/// all ones; a plane turned by θ out of another gives (1, cos θ).
/// </remarks>
public static class CanonicalCorrelation
{
    /// <summary>Relative singular-value threshold for the rank of each dataset (1e-10).</summary>
    public const double RankTolerance = 1e-10;

    /// <summary>Computes the canonical correlations and weights.</summary>
    /// <param name="x">Samples × units of the first dataset.</param>
    /// <param name="y">Samples × units of the second dataset (same number of rows).</param>
    /// <exception cref="ArgumentException">The row counts differ, there are fewer than two rows, or a value is not
    /// finite.</exception>
    public static CanonicalCorrelationResult Fit(Matrix<double> x, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount != y.RowCount)
        {
            throw new ArgumentException($"CCA needs the same samples in both datasets; X has {x.RowCount} rows and Y has {y.RowCount}.", nameof(y));
        }

        if (x.RowCount < 2)
        {
            throw new ArgumentException("CCA needs at least two samples.", nameof(x));
        }

        var (qx, wx) = Basis(x, nameof(x));
        var (qy, wy) = Basis(y, nameof(y));
        if (qx.ColumnCount == 0 || qy.ColumnCount == 0)
        {
            return new CanonicalCorrelationResult([], Matrix<double>.Build.Dense(x.ColumnCount, 0), Matrix<double>.Build.Dense(y.ColumnCount, 0));
        }

        var svd = qx.TransposeThisAndMultiply(qy).Svd(computeVectors: true);
        var count = Math.Min(qx.ColumnCount, qy.ColumnCount);
        var correlations = svd.S.Take(count).Select(s => Math.Clamp(s, 0, 1)).ToArray();
        var xWeights = wx * svd.U.SubMatrix(0, svd.U.RowCount, 0, count);
        var yWeights = wy * svd.VT.Transpose().SubMatrix(0, svd.VT.ColumnCount, 0, count);
        return new CanonicalCorrelationResult(correlations, xWeights, yWeights);
    }

    /// <summary>An orthonormal basis Q of the centred data's column space and W with Q = (data − mean)·W.</summary>
    internal static (Matrix<double> Basis, Matrix<double> Weights) Basis(Matrix<double> data, string name)
    {
        if (data.Enumerate().Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"Dataset {name} has a non-finite value.", name);
        }

        var centered = Center(data);
        var p = centered.ColumnCount;
        if (centered.RowCount < p)
        {
            // More units than samples: the SVD of the transpose gives the same column space.
            var wide = centered.Svd(computeVectors: true);
            var keepWide = Rank(wide.S);
            var u = wide.U.SubMatrix(0, wide.U.RowCount, 0, keepWide);
            var vWide = wide.VT.Transpose().SubMatrix(0, p, 0, keepWide);
            var scaleWide = Matrix<double>.Build.DenseOfDiagonalArray([.. wide.S.Take(keepWide).Select(s => 1 / s)]);
            return (u, vWide * scaleWide);
        }

        var qr = centered.QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var keep = Rank(svd.S);
        var basis = qr.Q * svd.U.SubMatrix(0, svd.U.RowCount, 0, keep);
        var v = svd.VT.Transpose().SubMatrix(0, p, 0, keep);
        var scale = Matrix<double>.Build.DenseOfDiagonalArray([.. svd.S.Take(keep).Select(s => 1 / s)]);
        return (basis, v * scale);
    }

    internal static Matrix<double> Center(Matrix<double> data)
    {
        var mean = data.ColumnSums() / data.RowCount;
        return data - Matrix<double>.Build.Dense(data.RowCount, data.ColumnCount, (_, c) => mean[c]);
    }

    private static int Rank(MathNet.Numerics.LinearAlgebra.Vector<double> singular)
    {
        if (singular.Count == 0 || !(singular[0] > 0))
        {
            return 0;
        }

        return singular.Count(s => s > RankTolerance * singular[0]);
    }
}
