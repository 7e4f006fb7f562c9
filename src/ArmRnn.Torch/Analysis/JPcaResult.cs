using MathNet.Numerics.LinearAlgebra;

namespace ArmRnn.Torch.Analysis;

/// <summary>The result of <see cref="JPca.Fit"/>.</summary>
public sealed class JPcaResult
{
    /// <summary>Creates a result.</summary>
    public JPcaResult(Matrix<double> bestFit, Matrix<double> skewFit, double rSquaredBest, double rSquaredSkew, IReadOnlyList<JPcaPlane> planes, PrincipalComponents components)
    {
        BestFit = bestFit;
        SkewFit = skewFit;
        RSquaredBest = rSquaredBest;
        RSquaredSkew = rSquaredSkew;
        Planes = [.. planes];
        Components = components;
    }

    /// <summary>M_best: the unconstrained least-squares fit of <c>dx/dt = M·x</c> (column vectors, 1/s).</summary>
    public Matrix<double> BestFit { get; }

    /// <summary>M_skew: the least-squares fit of the same among skew-symmetric matrices (1/s).</summary>
    public Matrix<double> SkewFit { get; }

    /// <summary>R² of M_best: <c>1 − Σ‖dx − M·x‖² / Σ‖dx − mean(dx)‖²</c>.</summary>
    public double RSquaredBest { get; }

    /// <summary>R² of M_skew, same definition.</summary>
    public double RSquaredSkew { get; }

    /// <summary>The jPC planes, fastest rotation first.</summary>
    public IReadOnlyList<JPcaPlane> Planes { get; }

    /// <summary>The principal components the fit was made in.</summary>
    public PrincipalComponents Components { get; }
}
