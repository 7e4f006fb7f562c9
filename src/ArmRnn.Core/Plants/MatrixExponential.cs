namespace ArmRnn.Plants;

/// <summary>The exponential of a small dense matrix by scaling and squaring of its Taylor series.</summary>
internal static class MatrixExponential
{
    /// <summary>exp(<paramref name="matrix"/>) for a square row-major matrix of order <paramref name="n"/>.</summary>
    /// <remarks>The matrix is scaled by 2^-s so that its 1-norm is at most 1/2, where 24 Taylor terms are accurate
    /// to well below double rounding (the remainder is below 0.5^25 / 25!), then squared s times.</remarks>
    public static double[] Compute(double[] matrix, int n)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"A {n}x{n} matrix needs {n * n} values, not {matrix.Length}.", nameof(matrix));
        }

        var norm = 0.0;
        for (var j = 0; j < n; j++)
        {
            var column = 0.0;
            for (var i = 0; i < n; i++)
            {
                column += Math.Abs(matrix[(i * n) + j]);
            }

            norm = Math.Max(norm, column);
        }

        var squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        var scale = Math.Pow(2, -squarings);
        var scaled = matrix.Select(v => v * scale).ToArray();

        var result = Identity(n);
        var term = Identity(n);
        for (var k = 1; k <= 24; k++)
        {
            term = Multiply(term, scaled, n);
            for (var i = 0; i < term.Length; i++)
            {
                term[i] /= k;
                result[i] += term[i];
            }
        }

        for (var s = 0; s < squarings; s++)
        {
            result = Multiply(result, result, n);
        }

        return result;
    }

    private static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            identity[(i * n) + i] = 1.0;
        }

        return identity;
    }

    private static double[] Multiply(double[] a, double[] b, int n)
    {
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                if (aik == 0)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    c[(i * n) + j] += aik * b[(k * n) + j];
                }
            }
        }

        return c;
    }
}
