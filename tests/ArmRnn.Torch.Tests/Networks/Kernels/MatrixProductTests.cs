using ArmRnn.Torch.Networks.Kernels;
using ArmRnn.Torch.Tests.TestSupport;

namespace ArmRnn.Torch.Tests.Networks.Kernels;

/// <summary><see cref="MatrixProduct"/> against products summed in double precision (the independent reference).</summary>
public sealed unsafe class MatrixProductTests
{
    // Rows: one (the matrix-vector kernel), two (a padded four-row tile), fewer than a tile, a tile, six-row tiles plus
    // four-row ones (8, 14, 32, 130), an odd count (a padded last tile), two row blocks of which the last is one row
    // (193), and a block large enough for its tile-order copy to be split between threads with a padded last tile (201).
    // Outputs: a partial panel only, whole panels, whole panels plus a partial one, a GRU's 3H. Depth: short, and across
    // the 1,024 block (C stored and reloaded between blocks).
    [Avx2Theory]
    [InlineData(1, 5, 7, false, true, 1)]
    [InlineData(1, 99, 300, false, true, 2)]
    [InlineData(1, 64, 256, true, false, 1)]
    [InlineData(2, 37, 40, false, true, 1)]
    [InlineData(4, 16, 3, false, false, 1)]
    [InlineData(6, 48, 257, false, true, 1)]
    [InlineData(8, 48, 1030, true, false, 1)]
    [InlineData(13, 99, 600, false, true, 2)]
    [InlineData(13, 99, 600, true, false, 2)]
    [InlineData(14, 20, 1100, false, true, 2)]
    [InlineData(32, 96, 50, false, true, 1)]
    [InlineData(128, 192, 64, false, true, 2)]
    [InlineData(130, 33, 20, true, false, 1)]
    [InlineData(193, 40, 30, false, true, 2)]
    [InlineData(201, 40, 300, false, true, 2)]
    public void Products_agree_with_double_precision_sums_within_the_float_rounding_bound(int rows, int outputs, int depth, bool accumulate, bool withBias, int threads)
    {
        var random = new Random(rows * 1000 + outputs + depth);
        // Operands with row and column gaps (lda, ldc larger than the widths), as the GRU's strided sequences have.
        long lda = depth + 3, ldc = outputs + 5;
        var a = Fill(random, rows * (int)lda);
        var w = Fill(random, outputs * depth);
        var bias = Fill(random, outputs);
        var c = Fill(random, rows * (int)ldc);
        var initial = (float[])c.Clone();
        var packed = PackedMatrix.OfTransposed(w, outputs, depth);
        fixed (float* pa = a, pb = bias, pc = c)
        {
            MatrixProduct.Multiply(rows, pa, lda, packed, withBias ? pb : null, pc, ldc, accumulate, threads);
        }

        for (var i = 0; i < rows; i++)
        {
            for (var n = 0; n < ldc; n++)
            {
                if (n >= outputs)
                {
                    Assert.Equal(initial[(i * ldc) + n], c[(i * ldc) + n]); // the gaps between rows are left alone
                    continue;
                }

                double exact = accumulate ? initial[(i * ldc) + n] : withBias ? bias[n] : 0, magnitude = Math.Abs(exact);
                for (var k = 0; k < depth; k++)
                {
                    var term = (double)a[(i * lda) + k] * w[(n * depth) + k];
                    exact += term;
                    magnitude += Math.Abs(term);
                }

                // Recursive summation of depth + 1 terms in float32 with fused multiply-adds: |error| <= γ·Σ|terms|
                // with γ = m·u / (1 − m·u), u = 2⁻²⁴ (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
                var m = depth + 1.0;
                var bound = m * Math.Pow(2, -24) / (1 - (m * Math.Pow(2, -24))) * magnitude;
                var actual = c[(i * ldc) + n];
                Assert.True(Math.Abs(actual - exact) <= bound, $"row {i}, column {n}: {actual} vs {exact} (bound {bound:E2})");
            }
        }
    }

    // A given by its transpose (the backward pass's dGᵀ · h: rows = 3H, depth = batch): depth 1 (an outer product,
    // row tiles outside), 32 and 128 (the shallow order), 300 (panels outside); row counts that pad and that span
    // several row blocks (3 × 1024 rows at depth 1 is one block, at depth 300 five).
    [Avx2Theory]
    [InlineData(3072, 64, 1, false, 2)]
    [InlineData(7, 33, 1, true, 1)]
    [InlineData(96, 40, 32, false, 1)]
    [InlineData(130, 50, 128, true, 2)]
    [InlineData(3072, 20, 300, false, 2)]
    public void Products_with_a_transposed_left_operand_agree_with_double_precision_sums(int rows, int outputs, int depth, bool accumulate, int threads)
    {
        var random = new Random(rows + outputs + depth);
        long lda = rows + 2, ldc = outputs + 1;
        var aT = Fill(random, depth * (int)lda); // A[i, k] = aT[k * lda + i]
        var b = Fill(random, depth * outputs);
        var c = Fill(random, rows * (int)ldc);
        var initial = (float[])c.Clone();
        fixed (float* pa = aT, pc = c)
        {
            MatrixProduct.MultiplyTransposedA(rows, pa, lda, PackedMatrix.Of(b, depth, outputs), null, pc, ldc, accumulate, threads);
        }

        for (var i = 0; i < rows; i++)
        {
            for (var n = 0; n < outputs; n++)
            {
                double exact = accumulate ? initial[(i * ldc) + n] : 0, magnitude = Math.Abs(exact);
                for (var k = 0; k < depth; k++)
                {
                    var term = (double)aT[(k * lda) + i] * b[(k * outputs) + n];
                    exact += term;
                    magnitude += Math.Abs(term);
                }

                // The same recursive-summation bound as above (Higham §3.1), depth + 1 terms.
                var m = depth + 1.0;
                var bound = m * Math.Pow(2, -24) / (1 - (m * Math.Pow(2, -24))) * magnitude;
                Assert.True(Math.Abs(c[(i * ldc) + n] - exact) <= bound, $"row {i}, column {n}: {c[(i * ldc) + n]} vs {exact} (bound {bound:E2})");
            }

            Assert.Equal(initial[(i * ldc) + outputs], c[(i * ldc) + outputs]); // the gap after each row is left alone
        }
    }

    [Avx2Fact]
    public void Transposing_a_packed_matrix_packs_the_transposed_matrix()
    {
        // W [5 × 37] packed as B = Wᵀ, transposed: must equal W packed as it is (partial panels on both sides).
        var random = new Random(6);
        var w = Fill(random, 5 * 37);
        var direct = PackedMatrix.Of(w, 5, 37);
        var transposed = PackedMatrix.OfTransposed(w, 5, 37).Transpose();
        Assert.Equal((direct.Depth, direct.Outputs, direct.Panels), (transposed.Depth, transposed.Outputs, transposed.Panels));
        var length = direct.Panels * direct.Depth * PackedMatrix.PanelWidth;
        Assert.Equal(new ReadOnlySpan<float>(direct.View.Data, length).ToArray(), new ReadOnlySpan<float>(transposed.View.Data, length).ToArray());
    }

    [Avx2Fact]
    public void A_packed_plain_matrix_gives_the_product_with_it_untransposed()
    {
        // B = W [depth × outputs] (the backward pass's dG · W form): the same values as packing Wᵀ's transpose.
        var random = new Random(4);
        int rows = 7, outputs = 21, depth = 9;
        var a = Fill(random, rows * depth);
        var w = Fill(random, depth * outputs);
        var wT = new float[outputs * depth];
        for (var k = 0; k < depth; k++)
        {
            for (var n = 0; n < outputs; n++)
            {
                wT[(n * depth) + k] = w[(k * outputs) + n];
            }
        }

        var direct = new float[rows * outputs];
        var viaTranspose = new float[rows * outputs];
        fixed (float* pa = a, pd = direct, pt = viaTranspose)
        {
            MatrixProduct.Multiply(rows, pa, depth, PackedMatrix.Of(w, depth, outputs), null, pd, outputs, false, 1);
            MatrixProduct.Multiply(rows, pa, depth, PackedMatrix.OfTransposed(wT, outputs, depth), null, pt, outputs, false, 1);
        }

        Assert.Equal(viaTranspose, direct);
        Assert.NotEqual(0f, direct.Select(Math.Abs).Max());
    }

    [Avx2Fact]
    public void A_rows_result_is_the_same_bits_in_any_batch_at_any_position_and_thread_count()
    {
        // The summation order per element is fixed by design (bias, then k = 0, 1, ...), so a row computed alone, as
        // row 0 of a small batch, or as a spare row after full tiles of a large one, on one or two threads, must match
        // exactly: this is what makes a trajectory's GRU output independent of the batch it is simulated in.
        var random = new Random(8);
        int outputs = 3 * 40, depth = 300;
        var packed = PackedMatrix.OfTransposed(Fill(random, outputs * depth), outputs, depth);
        var bias = Fill(random, outputs);
        var batch = Fill(random, 200 * depth);
        float[] Product(int rows, int firstRow, int threads)
        {
            var result = new float[rows * outputs];
            fixed (float* pa = batch, pb = bias, pc = result)
            {
                MatrixProduct.Multiply(rows, pa + (firstRow * depth), depth, packed, pb, pc, outputs, false, threads);
            }

            return result;
        }

        // 200 rows: a block of 192 (32 six-row tiles) and one of 8 (two four-row
        // tiles). The cases put rows alone (the one-row kernel), in padded tiles (2, 5 rows), in four- and six-row tiles.
        var large = Product(200, 0, 2);
        foreach (var (rows, firstRow, threads) in new[] { (1, 199, 1), (1, 127, 2), (2, 190, 1), (5, 123, 1), (8, 120, 2), (32, 96, 1), (130, 0, 2), (200, 0, 1) })
        {
            var small = Product(rows, firstRow, threads);
            Assert.Equal(large.AsSpan((firstRow * outputs)..((firstRow + rows) * outputs)).ToArray(), small);
        }
    }

    [LinuxFact]
    public void On_Linux_parallel_products_run_on_LibTorchs_OpenMP_threads()
    {
        // TorchSharp's Linux LibTorch links GNU libgomp: the kernels must find it, or two-thread products fall back to
        // .NET threads that compete with LibTorch's spinning workers (docs/benchmarks.md). The bit-identity test above
        // runs its two-thread products through it.
        Assert.True(LibTorchThreads.IsAvailable);
    }

    [Avx2Fact]
    public void Packing_refuses_a_matrix_of_the_wrong_size()
    {
        var packed = PackedMatrix.OfTransposed(new float[6], 3, 2);
        var error = Assert.Throws<ArgumentException>(() => packed.Repack(new float[7]));
        Assert.Contains("7 elements; 2 x 3 = 6", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PackedMatrix.Of([], 0, 4));
    }

    private static float[] Fill(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
