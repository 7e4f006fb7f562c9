using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// Eigenvalues (and leading eigenvectors) of a fixed point's Jacobian <c>dF/dh</c>, sorted by magnitude, largest
/// first (ties: larger real part first, then positive imaginary part first), with the stability they imply and their
/// continuous-time equivalents <c>log(λ) / dt</c>.
/// </summary>
public sealed class JacobianSpectrum
{
    /// <summary>Creates a spectrum from eigenvalues and eigenvectors that are already sorted.</summary>
    /// <param name="eigenvalues">Eigenvalues, sorted by magnitude, largest first.</param>
    /// <param name="eigenvectors">Unit-norm eigenvectors of the first eigenvalues, in the same order (may be fewer
    /// than the eigenvalues, or none).</param>
    /// <param name="dt">The time step (s) of the map.</param>
    /// <param name="stabilityTolerance">A direction is unstable when |λ| exceeds 1 plus this.</param>
    /// <param name="isComplete">Whether <paramref name="eigenvalues"/> is the whole spectrum (false for the top
    /// eigenvalues only).</param>
    public JacobianSpectrum(IReadOnlyList<Complex> eigenvalues, IReadOnlyList<Complex[]> eigenvectors, double dt, double stabilityTolerance, bool isComplete)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        ArgumentNullException.ThrowIfNull(eigenvectors);
        Eigenvalues = [.. eigenvalues];
        Eigenvectors = [.. eigenvectors];
        Dt = dt;
        IsComplete = isComplete;
        ContinuousEigenvalues = [.. eigenvalues.Select(l => Complex.Log(l) / dt)];
        UnstableDirections = eigenvalues.Count(l => l.Magnitude > 1 + stabilityTolerance);
        MarginalDirections = eigenvalues.Count(l => Math.Abs(l.Magnitude - 1) <= stabilityTolerance);
    }

    /// <summary>The eigenvalues of <c>dF/dh</c>, by magnitude, largest first.</summary>
    public IReadOnlyList<Complex> Eigenvalues { get; }

    /// <summary>Unit-norm (Euclidean) right eigenvectors of the leading eigenvalues, in the same order.</summary>
    public IReadOnlyList<Complex[]> Eigenvectors { get; }

    /// <summary>The continuous-time eigenvalues <c>log(λ) / dt</c> (principal logarithm): the real part is the growth
    /// rate (1/s; the time constant is −1/Re), the imaginary part the angular frequency (rad/s). A zero eigenvalue
    /// maps to −∞.</summary>
    public IReadOnlyList<Complex> ContinuousEigenvalues { get; }

    /// <summary>The time step (s) used for <see cref="ContinuousEigenvalues"/>.</summary>
    public double Dt { get; }

    /// <summary>Whether <see cref="Eigenvalues"/> is the whole spectrum (dense) or only its leading part.</summary>
    public bool IsComplete { get; }

    /// <summary>The number of eigenvalues outside the unit circle (a complex pair counts two): the fixed point's
    /// unstable directions. For an incomplete spectrum it is a lower bound only if every computed eigenvalue is
    /// unstable.</summary>
    public int UnstableDirections { get; }

    /// <summary>The number of eigenvalues on the unit circle within the stability tolerance.</summary>
    public int MarginalDirections { get; }

    /// <summary>Whether no eigenvalue lies outside the unit circle (marginal directions allowed).</summary>
    public bool IsStable => UnstableDirections == 0;

    /// <summary>The largest eigenvalue magnitude (the spectral radius).</summary>
    public double SpectralRadius => Eigenvalues.Count == 0 ? 0 : Eigenvalues[0].Magnitude;

    /// <summary>Eigendecomposition of a dense Jacobian (MathNet, real nonsymmetric).</summary>
    /// <param name="jacobian">The n×n Jacobian.</param>
    /// <param name="dt">The time step (s) of the map.</param>
    /// <param name="eigenvectorCount">Leading eigenvectors to keep.</param>
    /// <param name="stabilityTolerance">See <see cref="FixedPointOptions.StabilityTolerance"/>.</param>
    public static JacobianSpectrum FromDense(Matrix<double> jacobian, double dt, int eigenvectorCount, double stabilityTolerance)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.RowCount != jacobian.ColumnCount)
        {
            throw new ArgumentException($"A Jacobian must be square; this one is {jacobian.RowCount}×{jacobian.ColumnCount}.", nameof(jacobian));
        }

        var evd = jacobian.Evd(Symmetricity.Asymmetric);
        var values = evd.EigenValues.ToArray();
        var order = SortOrder(values);
        var keep = Math.Min(eigenvectorCount, values.Length);
        return new JacobianSpectrum(
            [.. order.Select(i => values[i])],
            [.. order.Take(keep).Select(i => Eigenvector(jacobian, values, evd.EigenVectors, i))],
            dt,
            stabilityTolerance,
            isComplete: true);
    }

    /// <summary>Indices that sort eigenvalues by magnitude, largest first (ties: real part, then imaginary part, larger
    /// first).</summary>
    internal static int[] SortOrder(IReadOnlyList<Complex> values) =>
        [.. Enumerable.Range(0, values.Count)
            .OrderByDescending(i => Math.Round(values[i].Magnitude, 12))
            .ThenByDescending(i => Math.Round(values[i].Real, 12))
            .ThenByDescending(i => values[i].Imaginary)];

    /// <summary>
    /// The unit eigenvector of eigenvalue <paramref name="j"/>. MathNet returns the eigenvectors of a real
    /// nonsymmetric matrix in real block form: a complex pair occupies two adjacent columns (v₁, v₂) with eigenvectors
    /// v₁ ± i·v₂. Which sign goes with which eigenvalue is decided by the residual ‖A·w − λ·w‖, so the result does not
    /// depend on that convention.
    /// </summary>
    internal static Complex[] Eigenvector(Matrix<double> a, Complex[] values, Matrix<double> blocks, int j)
    {
        var n = values.Length;
        if (values[j].Imaginary == 0)
        {
            return Normalize([.. blocks.Column(j).Select(v => new Complex(v, 0))]);
        }

        var pairStart = j + 1 < n && IsConjugatePair(values[j], values[j + 1]) ? j : j - 1;
        var first = blocks.Column(pairStart);
        var second = blocks.Column(pairStart + 1);
        var plus = Normalize([.. Enumerable.Range(0, n).Select(i => new Complex(first[i], second[i]))]);
        var minus = plus.Select(Complex.Conjugate).ToArray();
        return Residual(a, plus, values[j]) <= Residual(a, minus, values[j]) ? plus : minus;
    }

    private static bool IsConjugatePair(Complex a, Complex b) =>
        Math.Abs(a.Real - b.Real) <= 1e-12 * Math.Max(1, Math.Abs(a.Real)) && Math.Abs(a.Imaginary + b.Imaginary) <= 1e-12 * Math.Max(1, Math.Abs(a.Imaginary));

    private static double Residual(Matrix<double> a, Complex[] w, Complex lambda)
    {
        var n = w.Length;
        var re = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n, i => w[i].Real);
        var im = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(n, i => w[i].Imaginary);
        var are = a * re;
        var aim = a * im;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += (new Complex(are[i], aim[i]) - (lambda * w[i])).Magnitude;
        }

        return sum;
    }

    private static Complex[] Normalize(Complex[] v)
    {
        var norm = Math.Sqrt(v.Sum(c => (c.Real * c.Real) + (c.Imaginary * c.Imaginary)));
        return norm > 0 ? [.. v.Select(c => c / norm)] : v;
    }
}
