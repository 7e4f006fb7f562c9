using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ArmRnn.Torch.Analysis;

/// <summary>
/// The eigenvalues of largest magnitude of a map's Jacobian at one state, by Arnoldi iteration on Jacobian-vector
/// products (<see cref="JacobianVectorProduct"/>); the Jacobian is never formed.
/// </summary>
/// <remarks>
/// The first Krylov dimension is <c>m = min(n, max(2k + 10, 30))</c> for k wanted eigenvalues; the basis is kept in
/// doubles on the host (n·(m + 1) values) with Gram–Schmidt applied twice. While a wanted Ritz pair's residual
/// ‖J·x − θ·x‖ exceeds 1e-6·max(1, |θ|) (float32 maps cannot do much better), the iteration restarts from the sum of
/// the wanted Ritz vectors with a Krylov dimension twice as large, up to n (where the result is exact).
/// </remarks>
internal static class ArnoldiEigenSolver
{
    private const double ResidualTolerance = 1e-6;

    public static JacobianSpectrum TopEigenvalues(IRecurrentMap map, double[] state, int count, int eigenvectorCount, double stabilityTolerance)
    {
        var n = map.StateSize;
        var k = Math.Min(count, n);
        var m = Math.Min(n, Math.Max((2 * k) + 10, 30));
        using var product = new JacobianVectorProduct(map, state);
        var random = new Randomness.DeterministicRandom(0x5eed);
        var start = Enumerable.Range(0, n).Select(_ => random.NextNormal()).ToArray();
        Complex[] values = [];
        Complex[][] vectors = [];
        while (true)
        {
            var (basis, hessenberg, size, invariant) = Arnoldi(product, start, m);
            var h = hessenberg.SubMatrix(0, size, 0, size);
            var evd = h.Evd(Symmetricity.Asymmetric);
            var ritz = evd.EigenValues.ToArray();
            var order = JacobianSpectrum.SortOrder(ritz).Take(k).ToArray();
            values = [.. order.Select(i => ritz[i])];
            vectors = new Complex[order.Length][];
            var converged = true;
            for (var r = 0; r < order.Length; r++)
            {
                var y = JacobianSpectrum.Eigenvector(h, ritz, evd.EigenVectors, order[r]);
                // Residual of the Ritz pair: |h_{size,size-1}| · |y_last| (y has unit norm, the basis is orthonormal).
                var residual = invariant ? 0 : hessenberg[size, size - 1] * y[size - 1].Magnitude;
                converged &= residual <= ResidualTolerance * Math.Max(1, values[r].Magnitude);
                vectors[r] = Combine(basis, y, n, size);
            }

            if (converged || invariant || m == n)
            {
                break;
            }

            m = Math.Min(n, 2 * m);

            start = new double[n];
            foreach (var x in vectors)
            {
                for (var i = 0; i < n; i++)
                {
                    start[i] += x[i].Real + x[i].Imaginary;
                }
            }
        }

        var keep = Math.Min(eigenvectorCount, values.Length);
        return new JacobianSpectrum(values, [.. vectors.Take(keep)], map.Dt, stabilityTolerance, isComplete: k == n);
    }

    private static (double[][] Basis, Matrix<double> Hessenberg, int Size, bool Invariant) Arnoldi(JacobianVectorProduct product, double[] start, int m)
    {
        var n = start.Length;
        var basis = new double[m + 1][];
        var hessenberg = Matrix<double>.Build.Dense(m + 1, m);
        basis[0] = Normalized(start);
        for (var j = 0; j < m; j++)
        {
            var w = product.Apply(basis[j]);
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i <= j; i++)
                {
                    var dot = Dot(basis[i], w);
                    hessenberg[i, j] += dot;
                    for (var t = 0; t < n; t++)
                    {
                        w[t] -= dot * basis[i][t];
                    }
                }
            }

            var norm = Math.Sqrt(Dot(w, w));
            hessenberg[j + 1, j] = norm;
            if (norm <= 1e-12 || j + 1 == n)
            {
                return (basis, hessenberg, j + 1, true);
            }

            basis[j + 1] = [.. w.Select(value => value / norm)];
        }

        return (basis, hessenberg, m, false);
    }

    private static Complex[] Combine(double[][] basis, Complex[] y, int n, int size)
    {
        var x = new Complex[n];
        for (var c = 0; c < size; c++)
        {
            for (var i = 0; i < n; i++)
            {
                x[i] += basis[c][i] * y[c];
            }
        }

        var norm = Math.Sqrt(x.Sum(v => (v.Real * v.Real) + (v.Imaginary * v.Imaginary)));
        return [.. x.Select(v => v / norm)];
    }

    private static double[] Normalized(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        return [.. v.Select(value => value / norm)];
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
