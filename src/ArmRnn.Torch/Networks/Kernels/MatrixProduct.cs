using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// Float32 matrix products <c>C = A · B (+ bias)</c> or <c>C += A · B</c> on the CPU with AVX2 and FMA, for the shapes
/// of a GRU step (a batch of rows times a packed weight matrix): register tiles of 6 rows × 16 columns, the inner
/// dimension in blocks of 256 so that a panel block stays in the L1 cache while the row tiles pass over it, and the
/// panels split between threads.
/// </summary>
/// <remarks>
/// <para>Every element is computed in the same order whatever the number of rows, their position in the batch and the
/// number of threads: it starts from its bias (or zero, or its previous value) and adds <c>a[k]·b[k]</c> for k = 0, 1,
/// … with one fused multiply-add each. A trajectory therefore gets bit-identical results alone or in any batch. Rows
/// and columns that do not fill a tile go through a zero-padded copy of the tile; a single row streams the panels
/// through a one-row kernel instead (a matrix-vector product, limited by memory bandwidth, where padding would cost six
/// times the arithmetic).</para>
/// <para>Stateless: its scratch tiles live on the stack of each call. The kernels are compiled fully optimised at
/// first use (<see cref="MethodImplOptions.AggressiveOptimization"/>): the JIT's first tier would run them several
/// times slower until it recompiles them.</para>
/// </remarks>
internal static unsafe class MatrixProduct
{
    /// <summary>Rows per register tile.</summary>
    private const int TileRows = 6;

    /// <summary>Depth per block: a 256 × 16 panel block is 16 KB, half of this processor's L1 data cache.</summary>
    private const int BlockDepth = 256;

    /// <summary>Products smaller than this many multiply-adds (about 10-20 µs here) run on one thread: the hand-off to
    /// a second costs a few microseconds.</summary>
    private const long ParallelMultiplyAdds = 1L << 20;

    /// <summary>Chunks of panels per thread in a parallel product.</summary>
    private const int ChunksPerThread = 6;

    /// <summary>Whether this processor has the instructions the kernels use (AVX2 and FMA).</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Computes <c>C = A · B + bias</c> (or <c>A · B</c> when <paramref name="bias"/> is null), or
    /// <c>C += A · B</c> when <paramref name="accumulate"/>.</summary>
    /// <param name="rows">Rows of A and C.</param>
    /// <param name="a">A, [rows × B.Depth], row <c>i</c> at <c>a + i·lda</c> (unit stride within a row).</param>
    /// <param name="lda">Floats between consecutive rows of A.</param>
    /// <param name="b">The packed right-hand operand.</param>
    /// <param name="bias">Null, or <c>B.Outputs</c> floats added to every row (ignored when accumulating).</param>
    /// <param name="c">C, [rows × B.Outputs], row <c>i</c> at <c>c + i·ldc</c>.</param>
    /// <param name="ldc">Floats between consecutive rows of C.</param>
    /// <param name="accumulate">Add to C's values instead of overwriting them.</param>
    /// <param name="threads">Threads to split the columns between (products under about a million multiply-adds use
    /// one).</param>
    public static void Multiply(int rows, float* a, long lda, PackedMatrix b, float* bias, float* c, long ldc, bool accumulate, int threads)
    {
        if (rows <= 0)
        {
            return;
        }

        var start = accumulate ? Start.Load : bias is null ? Start.Zero : Start.Bias;
        var panels = b.View;
        if (threads <= 1 || panels.Panels < 2 || (long)rows * panels.Outputs * panels.Depth < ParallelMultiplyAdds)
        {
            Run(rows, a, lda, panels, bias, c, ldc, start, 0, panels.Panels);
            return;
        }

        // Several chunks of panels per thread, taken as threads become free (see LibTorchThreads.For).
        var work = new Work { Rows = rows, A = a, Lda = lda, Panels = panels, Bias = bias, C = c, Ldc = ldc, Start = start, Chunks = Math.Min(panels.Panels, threads * ChunksPerThread) };
        LibTorchThreads.For(work.Chunks, threads, &RunChunk, (nint)(&work));
    }

    /// <summary>Chunk <paramref name="chunk"/> of a parallel product's panels.</summary>
    private static void RunChunk(nint state, int chunk)
    {
        var work = (Work*)state;
        var panels = work->Panels.Panels;
        Run(work->Rows, work->A, work->Lda, work->Panels, work->Bias, work->C, work->Ldc, work->Start,
            (int)((long)chunk * panels / work->Chunks), (int)((long)(chunk + 1) * panels / work->Chunks));
    }

    /// <summary>Panels <c>[first, end)</c> of the product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(int rows, float* a, long lda, PanelView b, float* bias, float* c, long ldc, Start start, int first, int end)
    {
        if (rows == 1)
        {
            RunOneRow(a, b, bias, c, start, first, end);
            return;
        }

        var fullRows = rows - (rows % TileRows);
        var spareRows = rows - fullRows;
        var paddedA = stackalloc float[TileRows * BlockDepth];
        var tileC = stackalloc float[TileRows * PackedMatrix.PanelWidth];
        for (var k0 = 0; k0 < b.Depth; k0 += BlockDepth)
        {
            var depth = Math.Min(BlockDepth, b.Depth - k0);
            var blockStart = k0 == 0 ? start : Start.Load;
            if (spareRows > 0)
            {
                // The rows that do not fill a tile, this block's slice, zero-padded to a whole tile.
                new Span<float>(paddedA, TileRows * depth).Clear();
                for (var i = 0; i < spareRows; i++)
                {
                    new ReadOnlySpan<float>(a + ((fullRows + i) * lda) + k0, depth).CopyTo(new Span<float>(paddedA + (i * depth), depth));
                }
            }

            for (var p = first; p < end; p++)
            {
                var column = p * PackedMatrix.PanelWidth;
                var width = Math.Min(PackedMatrix.PanelWidth, b.Outputs - column);
                var panel = b.At(p, k0);
                var panelBias = bias is null ? null : bias + column;
                for (var i = 0; i < fullRows; i += TileRows)
                {
                    var tile = c + (i * ldc) + column;
                    if (width == PackedMatrix.PanelWidth)
                    {
                        Tile6x16(depth, a + (i * lda) + k0, lda, panel, tile, ldc, blockStart, panelBias);
                    }
                    else
                    {
                        ThroughPaddedTile(depth, a + (i * lda) + k0, lda, panel, tile, ldc, blockStart, panelBias, TileRows, width, tileC);
                    }
                }

                if (spareRows > 0)
                {
                    ThroughPaddedTile(depth, paddedA, depth, panel, c + (fullRows * ldc) + column, ldc, blockStart, panelBias, spareRows, width, tileC);
                }
            }
        }
    }

    /// <summary>A tile with fewer than 6 valid rows or 16 valid columns: its start values copied into a full
    /// scratch tile, the full tile computed there, the valid part copied back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ThroughPaddedTile(int depth, float* a, long lda, float* panel, float* c, long ldc, Start start, float* bias,
        int validRows, int validColumns, float* scratch)
    {
        new Span<float>(scratch, TileRows * PackedMatrix.PanelWidth).Clear();
        for (var i = 0; i < validRows; i++)
        {
            CopyStartValues(start, c + (i * ldc), bias, validColumns, scratch + (i * PackedMatrix.PanelWidth));
        }

        Tile6x16(depth, a, lda, panel, scratch, PackedMatrix.PanelWidth, Start.Load, null);
        for (var i = 0; i < validRows; i++)
        {
            new ReadOnlySpan<float>(scratch + (i * PackedMatrix.PanelWidth), validColumns).CopyTo(new Span<float>(c + (i * ldc), validColumns));
        }
    }

    /// <summary>Copies the first <paramref name="width"/> start values of one row of a tile (its current values when
    /// loading, the bias when starting from it, nothing when starting from zero) into a zeroed scratch row.</summary>
    private static void CopyStartValues(Start start, float* row, float* bias, int width, float* scratch)
    {
        var source = start switch
        {
            Start.Load => row,
            Start.Bias => bias,
            _ => null,
        };
        if (source is not null)
        {
            new ReadOnlySpan<float>(source, width).CopyTo(new Span<float>(scratch, width));
        }
    }

    /// <summary>One row: each panel streamed once over the whole depth, four panels at a time (eight independent
    /// accumulators hide the multiply-add latency).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunOneRow(float* a, PanelView b, float* bias, float* c, Start start, int first, int end)
    {
        var scratch = stackalloc float[PackedMatrix.PanelWidth];
        var p = first;
        var fullPanels = b.Outputs / PackedMatrix.PanelWidth;
        for (; p + 4 <= Math.Min(end, fullPanels); p += 4)
        {
            var column = p * PackedMatrix.PanelWidth;
            Row1x64(b.Depth, a, b.At(p, 0), b.Depth * PackedMatrix.PanelWidth, c + column, start, bias is null ? null : bias + column);
        }

        for (; p < end; p++)
        {
            var column = p * PackedMatrix.PanelWidth;
            var width = Math.Min(PackedMatrix.PanelWidth, b.Outputs - column);
            new Span<float>(scratch, PackedMatrix.PanelWidth).Clear();
            CopyStartValues(start, c + column, bias is null ? null : bias + column, width, scratch);

            Row1x16(b.Depth, a, b.At(p, 0), scratch);
            new ReadOnlySpan<float>(scratch, width).CopyTo(new Span<float>(c + column, width));
        }
    }

    /// <summary>The 6 × 16 register tile: twelve 8-float accumulators, per depth step two panel loads, six broadcasts
    /// and twelve fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x16(int depth, float* a, long lda, float* b, float* c, long ldc, Start start, float* bias)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (start == Start.Load)
        {
            c00 = Avx.LoadVector256(c);
            c01 = Avx.LoadVector256(c + 8);
            c10 = Avx.LoadVector256(c + ldc);
            c11 = Avx.LoadVector256(c + ldc + 8);
            c20 = Avx.LoadVector256(c + (2 * ldc));
            c21 = Avx.LoadVector256(c + (2 * ldc) + 8);
            c30 = Avx.LoadVector256(c + (3 * ldc));
            c31 = Avx.LoadVector256(c + (3 * ldc) + 8);
            c40 = Avx.LoadVector256(c + (4 * ldc));
            c41 = Avx.LoadVector256(c + (4 * ldc) + 8);
            c50 = Avx.LoadVector256(c + (5 * ldc));
            c51 = Avx.LoadVector256(c + (5 * ldc) + 8);
        }
        else if (start == Start.Bias)
        {
            c00 = c10 = c20 = c30 = c40 = c50 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = c41 = c51 = Avx.LoadVector256(bias + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }

        float* a1 = a + lda, a2 = a + (2 * lda), a3 = a + (3 * lda), a4 = a + (4 * lda), a5 = a + (5 * lda);
        for (var k = 0; k < depth; k++)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            b += PackedMatrix.PanelWidth;
            var x = Avx.BroadcastScalarToVector256(a + k);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Avx.BroadcastScalarToVector256(a1 + k);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Avx.BroadcastScalarToVector256(a2 + k);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Avx.BroadcastScalarToVector256(a3 + k);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Avx.BroadcastScalarToVector256(a4 + k);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Avx.BroadcastScalarToVector256(a5 + k);
            c50 = Fma.MultiplyAdd(x, b0, c50);
            c51 = Fma.MultiplyAdd(x, b1, c51);
        }

        Avx.Store(c, c00);
        Avx.Store(c + 8, c01);
        Avx.Store(c + ldc, c10);
        Avx.Store(c + ldc + 8, c11);
        Avx.Store(c + (2 * ldc), c20);
        Avx.Store(c + (2 * ldc) + 8, c21);
        Avx.Store(c + (3 * ldc), c30);
        Avx.Store(c + (3 * ldc) + 8, c31);
        Avx.Store(c + (4 * ldc), c40);
        Avx.Store(c + (4 * ldc) + 8, c41);
        Avx.Store(c + (5 * ldc), c50);
        Avx.Store(c + (5 * ldc) + 8, c51);
    }

    /// <summary>One row against four consecutive full panels (<paramref name="panelStride"/> floats apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row1x64(int depth, float* a, float* b, long panelStride, float* c, Start start, float* bias)
    {
        Vector256<float> s0, s1, s2, s3, s4, s5, s6, s7;
        var init = start == Start.Load ? c : bias;
        if (start == Start.Zero)
        {
            s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = Vector256<float>.Zero;
        }
        else
        {
            s0 = Avx.LoadVector256(init);
            s1 = Avx.LoadVector256(init + 8);
            s2 = Avx.LoadVector256(init + 16);
            s3 = Avx.LoadVector256(init + 24);
            s4 = Avx.LoadVector256(init + 32);
            s5 = Avx.LoadVector256(init + 40);
            s6 = Avx.LoadVector256(init + 48);
            s7 = Avx.LoadVector256(init + 56);
        }

        float* p1 = b + panelStride, p2 = b + (2 * panelStride), p3 = b + (3 * panelStride);
        for (long k = 0; k < depth; k++)
        {
            var x = Avx.BroadcastScalarToVector256(a + k);
            var o = k * PackedMatrix.PanelWidth;
            s0 = Fma.MultiplyAdd(x, Avx.LoadVector256(b + o), s0);
            s1 = Fma.MultiplyAdd(x, Avx.LoadVector256(b + o + 8), s1);
            s2 = Fma.MultiplyAdd(x, Avx.LoadVector256(p1 + o), s2);
            s3 = Fma.MultiplyAdd(x, Avx.LoadVector256(p1 + o + 8), s3);
            s4 = Fma.MultiplyAdd(x, Avx.LoadVector256(p2 + o), s4);
            s5 = Fma.MultiplyAdd(x, Avx.LoadVector256(p2 + o + 8), s5);
            s6 = Fma.MultiplyAdd(x, Avx.LoadVector256(p3 + o), s6);
            s7 = Fma.MultiplyAdd(x, Avx.LoadVector256(p3 + o + 8), s7);
        }

        Avx.Store(c, s0);
        Avx.Store(c + 8, s1);
        Avx.Store(c + 16, s2);
        Avx.Store(c + 24, s3);
        Avx.Store(c + 32, s4);
        Avx.Store(c + 40, s5);
        Avx.Store(c + 48, s6);
        Avx.Store(c + 56, s7);
    }

    /// <summary>One row against one panel, accumulating onto the 16 floats at <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row1x16(int depth, float* a, float* b, float* c)
    {
        var s0 = Avx.LoadVector256(c);
        var s1 = Avx.LoadVector256(c + 8);
        for (var k = 0; k < depth; k++)
        {
            var x = Avx.BroadcastScalarToVector256(a + k);
            s0 = Fma.MultiplyAdd(x, Avx.LoadVector256(b), s0);
            s1 = Fma.MultiplyAdd(x, Avx.LoadVector256(b + 8), s1);
            b += PackedMatrix.PanelWidth;
        }

        Avx.Store(c, s0);
        Avx.Store(c + 8, s1);
    }

    /// <summary>One parallel product, shared by its threads on the calling thread's stack (the call returns only
    /// after every thread is done with it).</summary>
    private struct Work
    {
        public int Rows;
        public float* A;
        public long Lda;
        public PanelView Panels;
        public float* Bias;
        public float* C;
        public long Ldc;
        public Start Start;
        public int Chunks;
    }

    /// <summary>What an element starts from before the products are added.</summary>
    private enum Start
    {
        Zero,
        Bias,
        Load,
    }
}
