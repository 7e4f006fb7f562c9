using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Analysis;

/// <summary>The result of <see cref="ProcrustesAnalysis.Fit"/>.</summary>
public sealed class ProcrustesResult
{
    /// <summary>Creates a result.</summary>
    public ProcrustesResult(double disparity, Matrix<double> rotation, double scale)
    {
        Disparity = disparity;
        Rotation = rotation;
        Scale = scale;
    }

    /// <summary>The sum of squared differences between the standardised X and the best rotated and scaled standardised
    /// Y, in [0, 1]: 0 for shapes that agree up to translation, rotation (or reflection) and scale.</summary>
    public double Disparity { get; }

    /// <summary>1 − <see cref="Disparity"/>: 1 for identical shapes.</summary>
    public double Similarity => 1 - Disparity;

    /// <summary>The orthogonal matrix R (d×d, d the larger unit count) with <c>Ŷ·R·s ≈ X̂</c>.</summary>
    public Matrix<double> Rotation { get; }

    /// <summary>The scale s applied to the standardised Y.</summary>
    public double Scale { get; }
}
