using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// Float32 matrix products <c>C = A · B (+ bias)</c> or <c>C += A · B</c> on the CPU with AVX2 and FMA, for the shapes
/// of a GRU step (a batch of rows times a packed weight matrix): register tiles of 6 or 4 rows × 16 columns
/// (<see cref="RowTiling"/>) over rows of A copied into tile order, the inner dimension in blocks of up to 1,024, and the
/// panels split between threads.
/// </summary>
/// <remarks>
/// <para>Every element is computed in the same order whatever the number of rows, their position in the batch and the
/// number of threads: it starts from its bias (or zero, or its previous value) and adds <c>a[k]·b[k]</c> for k = 0, 1,
/// … with one fused multiply-add each. A trajectory therefore gets bit-identical results alone or in any batch. Rows
/// that do not fill a tile and columns that do not fill a panel go through zero padding; a single row streams the
/// panels through a one-row kernel instead (a matrix-vector product, limited by memory bandwidth, where padding would
/// cost four times the arithmetic).</para>
/// <para>Why this shape (measured on this repository's 2-core Zen 3 machine, docs/benchmarks.md): with A copied into tile
/// order each tile reads one sequential stream instead of six rows a whole row apart (which share cache sets), and with
/// deep blocks each tile of C is loaded and stored once per product instead of once per 256-deep block (C of a 128 ×
/// 3,072 product is 1.5 MB, beyond the 512 KB L2 cache, so every reload came from L3). Together they took the 128 ×
/// 1,024 × 3,072 product from 65-69 to 77-79 GFLOP/s on one thread, level with LibTorch's own 1,024³ product in the
/// same run; the four-row tiles remove the padded rows of batches 32 and 128.</para>
/// <para>Stateless: the tile-ordered copy of A is rented from <see cref="ArrayPool{T}.Shared"/> per call, scratch tiles
/// live on the stack. The kernels are compiled fully optimised at first use
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): the JIT's first tier would run them several times slower
/// until it recompiles them.</para>
/// </remarks>
internal static unsafe class MatrixProduct
{
    /// <summary>Depth per block: a 1,024 × 16 panel block is 64 KB and stays in the L2 cache while the row tiles pass
    /// over it (and a GRU of up to 1,024 units needs one block, so C is written once).</summary>
    private const int BlockDepth = 1024;

    /// <summary>Floats of A copied into tile order at a time: 192 rows of depth 1,024, 768 KB, about one L2 cache and a
    /// half (shallower products take more rows per block); larger batches run as several blocks.</summary>
    private const int RowBlockFloats = 192 * 1024;

    /// <summary>Depth blocks up to this deep run row tile by row tile rather than panel by panel.</summary>
    private const int ShallowDepth = 128;

    /// <summary>Products smaller than this many multiply-adds (about 10-20 µs here) run on one thread: the hand-off to
    /// a second costs a few microseconds. Depths under 16 count as 16: there storing C is the work (an outer product
    /// of a batch of one writes 3H × H floats for as many multiply-adds).</summary>
    private const long ParallelMultiplyAdds = 1L << 20;

    /// <summary>Tile-order copies of at least this many floats (128 KB, some 20 µs on one thread) are split between
    /// threads.</summary>
    private const long ParallelCopyFloats = 1L << 15;

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
    public static void Multiply(int rows, float* a, long lda, PackedMatrix b, float* bias, float* c, long ldc, bool accumulate, int threads) =>
        Multiply(rows, a, lda, transposedA: false, b, bias, c, ldc, accumulate, threads);

    /// <summary>As <see cref="Multiply(int, float*, long, PackedMatrix, float*, float*, long, bool, int)"/> with A given
    /// by its transpose: <c>A[i, k]</c> at <c>a + k·lda + i</c> (a backward pass's <c>dGᵀ · h</c>, with dG stored
    /// [batch × 3H]: <paramref name="lda"/> = 3H, <paramref name="rows"/> = 3H, depth = batch).</summary>
    public static void MultiplyTransposedA(int rows, float* a, long lda, PackedMatrix b, float* bias, float* c, long ldc, bool accumulate, int threads) =>
        Multiply(rows, a, lda, transposedA: true, b, bias, c, ldc, accumulate, threads);

    private static void Multiply(int rows, float* a, long lda, bool transposedA, PackedMatrix b, float* bias, float* c, long ldc, bool accumulate, int threads)
    {
        if (rows <= 0)
        {
            return;
        }

        var rowBlock = Math.Max(RowTiling.SixRows, RowBlockFloats / b.Depth / RowTiling.SixRows * RowTiling.SixRows);
        var work = new Work
        {
            Tiling = RowTiling.Of(Math.Min(rows, rowBlock)),
            A = a,
            Panels = b.View,
            Bias = bias,
            C = c,
            Ldc = ldc,
            Start = accumulate ? Start.Load : bias is null ? Start.Zero : Start.Bias,
            OneRow = rows == 1 && !transposedA,
        };
        if (work.OneRow)
        {
            Dispatch(&work, threads);
            return;
        }

        var depth = b.Depth;
        var buffer = ArrayPool<float>.Shared.Rent(work.Tiling.PaddedRows * depth);
        try
        {
            fixed (float* tileOrder = buffer)
            {
                for (var first = 0; first < rows; first += rowBlock)
                {
                    // A last block of one row (a batch of 193, say) takes the one-row kernel, which reads the row itself;
                    // a transposed A is always copied, and a one-row block then goes through a padded tile.
                    work.Tiling = RowTiling.Of(Math.Min(rowBlock, rows - first));
                    work.OneRow = work.Tiling.Rows == 1 && !transposedA;
                    work.A = work.OneRow ? a + (first * lda) : tileOrder;
                    if (!work.OneRow)
                    {
                        CopyInTileOrder(work.Tiling, transposedA ? a + first : a + (first * lda), lda, transposedA, depth, tileOrder, threads);
                    }

                    work.C = c + (first * ldc);
                    Dispatch(&work, threads);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs one block of rows on the calling thread or, when it is large enough, in several chunks of panels
    /// per thread, taken as threads become free (see <see cref="LibTorchThreads.For"/>).</summary>
    private static void Dispatch(Work* work, int threads)
    {
        var panels = work->Panels;
        if (threads <= 1 || panels.Panels < 2 || (long)work->Tiling.Rows * panels.Outputs * Math.Max(panels.Depth, 16) < ParallelMultiplyAdds)
        {
            Run(work, 0, panels.Panels);
            return;
        }

        work->Chunks = Math.Min(panels.Panels, threads * ChunksPerThread);
        LibTorchThreads.For(work->Chunks, threads, &RunChunk, (nint)work);
    }

    /// <summary>Chunk <paramref name="chunk"/> of a parallel product's panels.</summary>
    private static void RunChunk(nint state, int chunk)
    {
        var work = (Work*)state;
        var panels = work->Panels.Panels;
        Run(work, (int)((long)chunk * panels / work->Chunks), (int)((long)(chunk + 1) * panels / work->Chunks));
    }

    /// <summary>Copies the rows into tile order: tile t's rows as [depth × tile size], so that depth step k of the
    /// tile is its rows' k-th values side by side; the padding rows of a partial tile are zero. A transposed A (row i's
    /// k-th value at <c>a + k·lda + i</c>) has each depth step's values side by side already.</summary>
    /// <remarks><para>Full tiles move their six or four values per depth step as single loads and stores, depth step by
    /// depth step, so the writes run sequentially through the tile (a call per depth step, or a pass per row writing every
    /// sixth float, cost as much here as a product's arithmetic at hidden 256).</para>
    /// <para>Large copies are split by tiles between the threads: left to the calling thread alone, the copy ran
    /// several times slower on this repository's VM while LibTorch's other OpenMP thread spun waiting for the product
    /// (docs/benchmarks.md).</para></remarks>
    private static void CopyInTileOrder(RowTiling tiling, float* a, long lda, bool transposed, int depth, float* tileOrder, int threads)
    {
        var copy = new TileCopy { Tiling = tiling, A = a, Lda = lda, Transposed = transposed, Depth = depth, TileOrder = tileOrder };
        copy.Chunks = threads > 1 && (long)tiling.PaddedRows * depth >= ParallelCopyFloats ? Math.Min(tiling.Tiles, threads * 2) : 1;
        LibTorchThreads.For(copy.Chunks, threads, &CopyChunk, (nint)(&copy));
    }

    /// <summary>Chunk <paramref name="chunk"/> of a tile-order copy's tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyChunk(nint state, int chunk)
    {
        var copy = (TileCopy*)state;
        var tiling = copy->Tiling;
        var a = copy->A;
        var (lda, depth) = (copy->Lda, copy->Depth);
        var end = (int)((long)(chunk + 1) * tiling.Tiles / copy->Chunks);
        for (var t = (int)((long)chunk * tiling.Tiles / copy->Chunks); t < end; t++)
        {
            var (first, size, valid) = tiling.Tile(t);
            var tile = copy->TileOrder + ((long)first * depth);
            if (valid < size)
            {
                new Span<float>(tile, size * depth).Clear();
                for (var i = 0; i < valid; i++)
                {
                    for (var k = 0; k < depth; k++)
                    {
                        tile[(k * size) + i] = copy->Transposed ? a[(k * lda) + first + i] : a[((first + i) * lda) + k];
                    }
                }
            }
            else if (copy->Transposed)
            {
                CopyTransposedTile(a + first, lda, size, depth, tile);
            }
            else
            {
                CopyTile(a + (first * lda), lda, size, depth, tile);
            }
        }
    }

    /// <summary>A full tile of a transposed A: depth step k's <paramref name="size"/> values are contiguous at
    /// <c>a + k·lda</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyTransposedTile(float* a, long lda, int size, int depth, float* tile)
    {
        if (size == RowTiling.SixRows)
        {
            for (var k = 0; k < depth; k++, a += lda, tile += RowTiling.SixRows)
            {
                Vector128.Store(Vector128.Load(a), tile);
                *(long*)(tile + 4) = *(long*)(a + 4);
            }
        }
        else
        {
            for (var k = 0; k < depth; k++, a += lda, tile += RowTiling.FourRows)
            {
                Vector128.Store(Vector128.Load(a), tile);
            }
        }
    }

    /// <summary>A full tile of a plain A: <paramref name="size"/> rows <paramref name="lda"/> apart, interleaved depth
    /// step by depth step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyTile(float* a, long lda, int size, int depth, float* tile)
    {
        float* r0 = a, r1 = a + lda, r2 = a + (2 * lda), r3 = a + (3 * lda);
        if (size == RowTiling.SixRows)
        {
            float* r4 = a + (4 * lda), r5 = a + (5 * lda);
            for (var k = 0; k < depth; k++, tile += RowTiling.SixRows)
            {
                tile[0] = r0[k];
                tile[1] = r1[k];
                tile[2] = r2[k];
                tile[3] = r3[k];
                tile[4] = r4[k];
                tile[5] = r5[k];
            }
        }
        else
        {
            for (var k = 0; k < depth; k++, tile += RowTiling.FourRows)
            {
                tile[0] = r0[k];
                tile[1] = r1[k];
                tile[2] = r2[k];
                tile[3] = r3[k];
            }
        }
    }

    /// <summary>Panels <c>[first, end)</c> of one block of rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(Work* work, int first, int end)
    {
        var b = work->Panels;
        if (work->OneRow)
        {
            RunOneRow(work->A, b, work->Bias, work->C, work->Start, first, end);
            return;
        }

        var tiles = work->Tiling.Tiles;
        var scratch = stackalloc float[RowTiling.SixRows * PackedMatrix.PanelWidth];
        for (var k0 = 0; k0 < b.Depth; k0 += BlockDepth)
        {
            var depth = Math.Min(BlockDepth, b.Depth - k0);
            var blockStart = k0 == 0 ? work->Start : Start.Load;
            if (depth <= ShallowDepth)
            {
                // Storing C is the work: row tiles outside, so each tile row's panels are written one after another.
                for (var t = 0; t < tiles; t++)
                {
                    for (var p = first; p < end; p++)
                    {
                        TileAt(work, t, p, k0, depth, blockStart, scratch);
                    }
                }
            }
            else
            {
                // The panel block stays in cache while every row tile passes over it.
                for (var p = first; p < end; p++)
                {
                    for (var t = 0; t < tiles; t++)
                    {
                        TileAt(work, t, p, k0, depth, blockStart, scratch);
                    }
                }
            }
        }
    }

    /// <summary>Row tile <paramref name="t"/> of panel <paramref name="p"/> over depth block <paramref name="k0"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TileAt(Work* work, int t, int p, int k0, int depth, Start start, float* scratch)
    {
        var b = work->Panels;
        var (row, size, valid) = work->Tiling.Tile(t);
        var column = p * PackedMatrix.PanelWidth;
        var width = Math.Min(PackedMatrix.PanelWidth, b.Outputs - column);
        var a = work->A + ((long)row * b.Depth) + ((long)k0 * size);
        var tile = work->C + (row * work->Ldc) + column;
        var bias = work->Bias is null ? null : work->Bias + column;
        if (width == PackedMatrix.PanelWidth && valid == size)
        {
            Tile(size, depth, a, b.At(p, k0), tile, work->Ldc, start, bias);
        }
        else
        {
            ThroughPaddedTile(size, depth, a, b.At(p, k0), tile, work->Ldc, start, bias, valid, width, scratch);
        }
    }

    /// <summary>A register tile of <paramref name="size"/> (6 or 4) rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int size, int depth, float* a, float* panel, float* c, long ldc, Start start, float* bias)
    {
        if (size == RowTiling.SixRows)
        {
            Tile6x16(depth, a, panel, c, ldc, start, bias);
        }
        else
        {
            Tile4x16(depth, a, panel, c, ldc, start, bias);
        }
    }

    /// <summary>A tile with fewer valid rows than its size or fewer than 16 valid columns: its start values copied into
    /// a full scratch tile, the full tile computed there, the valid part copied back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ThroughPaddedTile(int size, int depth, float* a, float* panel, float* c, long ldc, Start start, float* bias,
        int validRows, int validColumns, float* scratch)
    {
        new Span<float>(scratch, size * PackedMatrix.PanelWidth).Clear();
        for (var i = 0; i < validRows; i++)
        {
            CopyStartValues(start, c + (i * ldc), bias, validColumns, scratch + (i * PackedMatrix.PanelWidth));
        }

        Tile(size, depth, a, panel, scratch, PackedMatrix.PanelWidth, Start.Load, null);
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

    /// <summary>The 6 × 16 register tile over rows in tile order (<paramref name="a"/>: 6 floats per depth step):
    /// twelve 8-float accumulators, per depth step two panel loads, six broadcasts and twelve fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x16(int depth, float* a, float* b, float* c, long ldc, Start start, float* bias)
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

        for (var end = a + (depth * RowTiling.SixRows); a < end; a += RowTiling.SixRows)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            b += PackedMatrix.PanelWidth;
            var x = Avx.BroadcastScalarToVector256(a);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Avx.BroadcastScalarToVector256(a + 1);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Avx.BroadcastScalarToVector256(a + 2);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Avx.BroadcastScalarToVector256(a + 3);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Avx.BroadcastScalarToVector256(a + 4);
            c40 = Fma.MultiplyAdd(x, b0, c40);
            c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Avx.BroadcastScalarToVector256(a + 5);
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

    /// <summary>The 4 × 16 register tile over rows in tile order (4 floats per depth step): eight accumulators, as many
    /// as Zen 3's two 4-cycle multiply-add pipes need to stay busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x16(int depth, float* a, float* b, float* c, long ldc, Start start, float* bias)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
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
        }
        else if (start == Start.Bias)
        {
            c00 = c10 = c20 = c30 = Avx.LoadVector256(bias);
            c01 = c11 = c21 = c31 = Avx.LoadVector256(bias + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
        }

        for (var end = a + (depth * RowTiling.FourRows); a < end; a += RowTiling.FourRows)
        {
            var b0 = Avx.LoadVector256(b);
            var b1 = Avx.LoadVector256(b + 8);
            b += PackedMatrix.PanelWidth;
            var x = Avx.BroadcastScalarToVector256(a);
            c00 = Fma.MultiplyAdd(x, b0, c00);
            c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Avx.BroadcastScalarToVector256(a + 1);
            c10 = Fma.MultiplyAdd(x, b0, c10);
            c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Avx.BroadcastScalarToVector256(a + 2);
            c20 = Fma.MultiplyAdd(x, b0, c20);
            c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Avx.BroadcastScalarToVector256(a + 3);
            c30 = Fma.MultiplyAdd(x, b0, c30);
            c31 = Fma.MultiplyAdd(x, b1, c31);
        }

        Avx.Store(c, c00);
        Avx.Store(c + 8, c01);
        Avx.Store(c + ldc, c10);
        Avx.Store(c + ldc + 8, c11);
        Avx.Store(c + (2 * ldc), c20);
        Avx.Store(c + (2 * ldc) + 8, c21);
        Avx.Store(c + (3 * ldc), c30);
        Avx.Store(c + (3 * ldc) + 8, c31);
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

    /// <summary>One block of a product, shared by its threads on the calling thread's stack (the call returns only
    /// after every thread is done with it).</summary>
    private struct Work
    {
        /// <summary>The block's rows and their tiles.</summary>
        public RowTiling Tiling;

        /// <summary>The block's rows in tile order (<see cref="OneRow"/>: the row itself).</summary>
        public float* A;

        /// <summary>A block of one row of a plain A, for the one-row kernel.</summary>
        public bool OneRow;

        public PanelView Panels;
        public float* Bias;

        /// <summary>The block's first row of C.</summary>
        public float* C;

        public long Ldc;
        public Start Start;
        public int Chunks;
    }

    /// <summary>One tile-order copy, shared by its threads on the calling thread's stack.</summary>
    private struct TileCopy
    {
        public RowTiling Tiling;
        public float* A;
        public long Lda;
        public bool Transposed;
        public int Depth;
        public float* TileOrder;
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
