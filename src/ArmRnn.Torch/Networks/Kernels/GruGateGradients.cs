using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// The element-wise part of one GRU step's backward pass, in one pass over each row: from the gradient <c>g</c> of the
/// loss with respect to the new hidden state and the step's recorded gates (<see cref="GruStepRecord"/>), the
/// gradients of the gate pre-activations and the part of the hidden-state gradient that flows through z.
/// </summary>
/// <remarks>PyTorch's gate equations (<c>h' = n + z ⊙ (h − n)</c>, <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>):
/// <c>dn_pre = g (1 − z)(1 − n²)</c>, <c>dz_pre = g (h − n) z (1 − z)</c>, <c>dr_pre = dn_pre (W_hn h + b_hn) r (1 − r)</c>;
/// the recurrent candidate term gets <c>dn_pre · r</c>, the input one <c>dn_pre</c>; and <c>dL/dh = g z + dG_h · W_hh</c>,
/// of which this computes <c>g z</c>. The same arithmetic, in the same order, as <see cref="GruSequenceFunction"/>'s
/// backward pass in LibTorch operations, eight units at a time (separate multiplies and adds, so the vector and scalar
/// parts round alike).</remarks>
internal static unsafe class GruGateGradients
{
    /// <summary>Units (rows × hidden) below which the pass stays on one thread.</summary>
    private const long ParallelUnits = 1L << 15;

    /// <summary>Computes, for <paramref name="rows"/> rows of <paramref name="hidden"/> units (every operand contiguous):
    /// <paramref name="inputGates"/> and <paramref name="recurrentGates"/> [rows × 3H] (r, z, n blocks) and
    /// <paramref name="throughZ"/> [rows × H], split over <paramref name="threads"/> threads when there are enough units.</summary>
    /// <param name="rows">Rows (batch).</param>
    /// <param name="hidden">Hidden units H.</param>
    /// <param name="gradient">dL/dh' [rows × H].</param>
    /// <param name="record">The step's gates as the forward pass recorded them.</param>
    /// <param name="inputGates">Out: gradients of the input terms' pre-activations.</param>
    /// <param name="recurrentGates">Out: gradients of the recurrent terms (<c>W_hh h + b_hh</c>).</param>
    /// <param name="throughZ">Out: <c>g ⊙ z</c>.</param>
    /// <param name="threads">Threads to use at most.</param>
    public static void Compute(int rows, int hidden, float* gradient, GruStepRecord record, float* inputGates, float* recurrentGates, float* throughZ, int threads)
    {
        var work = new Work
        {
            Rows = rows, Hidden = hidden, Gradient = gradient, Record = record, InputGates = inputGates, RecurrentGates = recurrentGates, ThroughZ = throughZ,
            Chunks = (long)rows * hidden < ParallelUnits || threads <= 1 ? 1 : Math.Min(rows, threads * 4),
        };
        LibTorchThreads.For(work.Chunks, threads, &ComputeChunk, (nint)(&work));
    }

    private static void ComputeChunk(nint state, int chunk)
    {
        var work = (Work*)state;
        var hidden = (long)work->Hidden;
        var record = work->Record;
        for (var i = (long)chunk * work->Rows / work->Chunks; i < (long)(chunk + 1) * work->Rows / work->Chunks; i++)
        {
            Row(work->Hidden, work->Gradient + (i * hidden), record.Rz + (i * 2 * hidden), record.Candidate + (i * hidden), record.Difference + (i * hidden),
                record.RecurrentTerms + (i * 3 * hidden) + (2 * hidden), work->InputGates + (i * 3 * hidden), work->RecurrentGates + (i * 3 * hidden),
                work->ThroughZ + (i * hidden));
        }
    }

    /// <summary>One row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(int hidden, float* g, float* rz, float* n, float* difference, float* recurrentCandidate, float* di, float* dr, float* dz)
    {
        var j = 0;
        var one = Vector256.Create(1f);
        for (; j <= hidden - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            var r = Vector256.Load(rz + j);
            var z = Vector256.Load(rz + hidden + j);
            var gj = Vector256.Load(g + j);
            var nj = Vector256.Load(n + j);
            var viaZ = gj * z;
            var dCandidate = (gj - viaZ) * (one - (nj * nj));
            var dReset = dCandidate * Vector256.Load(recurrentCandidate + j) * (r - (r * r));
            var dUpdate = gj * Vector256.Load(difference + j) * (z - (z * z));
            dReset.Store(di + j);
            dReset.Store(dr + j);
            dUpdate.Store(di + hidden + j);
            dUpdate.Store(dr + hidden + j);
            dCandidate.Store(di + (2 * hidden) + j);
            (dCandidate * r).Store(dr + (2 * hidden) + j);
            viaZ.Store(dz + j);
        }

        for (; j < hidden; j++)
        {
            float r = rz[j], z = rz[hidden + j], gj = g[j], nj = n[j];
            var viaZ = gj * z;
            var dCandidate = (gj - viaZ) * (1 - (nj * nj));
            var dReset = dCandidate * recurrentCandidate[j] * (r - (r * r));
            var dUpdate = gj * difference[j] * (z - (z * z));
            di[j] = dr[j] = dReset;
            di[hidden + j] = dr[hidden + j] = dUpdate;
            di[(2 * hidden) + j] = dCandidate;
            dr[(2 * hidden) + j] = dCandidate * r;
            dz[j] = viaZ;
        }
    }

    /// <summary>Adds the <paramref name="rows"/> rows of <paramref name="a"/> (<paramref name="columns"/> floats each,
    /// <paramref name="lda"/> apart) into <paramref name="sums"/>, row after row (the bias gradients of a step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRows(int rows, int columns, float* a, long lda, float* sums)
    {
        for (var i = 0; i < rows; i++)
        {
            var row = a + (i * lda);
            var j = 0;
            for (; j <= columns - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                (Vector256.Load(sums + j) + Vector256.Load(row + j)).Store(sums + j);
            }

            for (; j < columns; j++)
            {
                sums[j] += row[j];
            }
        }
    }

    /// <summary>One parallel pass, on the calling thread's stack.</summary>
    private struct Work
    {
        public int Rows;
        public int Hidden;
        public float* Gradient;
        public GruStepRecord Record;
        public float* InputGates;
        public float* RecurrentGates;
        public float* ThroughZ;
        public int Chunks;
    }
}
