using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Analysis;

/// <summary>The result of <see cref="CanonicalCorrelation.Fit"/>.</summary>
public sealed class CanonicalCorrelationResult
{
    /// <summary>Creates a result.</summary>
    public CanonicalCorrelationResult(double[] correlations, Matrix<double> xWeights, Matrix<double> yWeights)
    {
        Correlations = correlations;
        XWeights = xWeights;
        YWeights = yWeights;
    }

    /// <summary>The canonical correlations, largest first (as many as the smaller of the two ranks), in [0, 1].</summary>
    public IReadOnlyList<double> Correlations { get; }

    /// <summary>Weights <c>[x column, pair]</c>: the canonical variates of X are <c>(X − mean)·XWeights</c>, with unit
    /// sum of squares.</summary>
    public Matrix<double> XWeights { get; }

    /// <summary>Weights <c>[y column, pair]</c> for Y, likewise.</summary>
    public Matrix<double> YWeights { get; }

    /// <summary>The mean canonical correlation (a common single-number similarity).</summary>
    public double Mean => Correlations.Count == 0 ? 0 : Correlations.Average();
}
