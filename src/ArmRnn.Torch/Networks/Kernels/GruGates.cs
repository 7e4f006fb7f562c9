using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>
/// The element-wise part of a GRU step for one row, with PyTorch's gate order (r, z, n) and equations:
/// <c>r = σ(i_r + h_r)</c>, <c>z = σ(i_z + h_z)</c>, <c>n = tanh(i_n + r ⊙ h_n)</c>, <c>h' = n + z ⊙ (h − n)</c>, where
/// <c>i</c> are the input terms <c>W_ih x + b_ih</c> and <c>h_·</c> the recurrent terms <c>W_hh h + b_hh</c>.
/// </summary>
/// <remarks>Eight units at a time with AVX (<c>σ(x) = 1 / (1 + e⁻ˣ)</c>, <c>tanh(x) = 1 − 2 / (e²ˣ + 1)</c>, with
/// <see cref="VectorExp"/>; both reach their limits for large arguments), the remaining units with the same formulas in
/// scalar code. The tanh form loses relative precision
/// near zero but not absolute precision (about 1e-7, float32's rounding at 1), which is what the hidden state
/// carries.</remarks>
internal static unsafe class GruGates
{
    /// <summary>Units (rows × hidden) below which the gate pass stays on one thread (about 100 µs of work).</summary>
    private const long ParallelUnits = 1L << 15;

    /// <summary><see cref="Update"/> for <paramref name="rows"/> rows (input and recurrent terms <c>3H</c> floats apart,
    /// the record rows contiguous), split over <paramref name="threads"/> threads when there are enough units.</summary>
    public static void UpdateRows(int rows, int hidden, float* inputTerms, float* recurrentTerms, float* h, long ldh, float* next, long ldNext,
        float* rz, float* candidate, float* difference, int threads)
    {
        var work = new RowsWork
        {
            Hidden = hidden, InputTerms = inputTerms, RecurrentTerms = recurrentTerms, H = h, Ldh = ldh, Next = next, LdNext = ldNext,
            Rz = rz, Candidate = candidate, Difference = difference, Rows = rows,
            Chunks = (long)rows * hidden < ParallelUnits || threads <= 1 ? 1 : Math.Min(rows, threads * 4),
        };
        LibTorchThreads.For(work.Chunks, threads, &UpdateChunk, (nint)(&work));
    }

    private static void UpdateChunk(nint state, int chunk)
    {
        var work = (RowsWork*)state;
        var hidden = work->Hidden;
        var width = 3L * hidden;
        for (var i = (int)((long)chunk * work->Rows / work->Chunks); i < (int)((long)(chunk + 1) * work->Rows / work->Chunks); i++)
        {
            Update(hidden, work->InputTerms + (i * width), work->RecurrentTerms + (i * width), work->H + (i * work->Ldh), work->Next + (i * work->LdNext),
                work->Rz is null ? null : work->Rz + (i * 2L * hidden),
                work->Candidate is null ? null : work->Candidate + ((long)i * hidden),
                work->Difference is null ? null : work->Difference + ((long)i * hidden));
        }
    }

    /// <summary>Computes the next hidden state of one row and, where the pointers are not null, records the gates
    /// for a backward pass.</summary>
    /// <param name="hidden">Hidden units H.</param>
    /// <param name="inputTerms">The row's input terms, 3H floats (r, z, n).</param>
    /// <param name="recurrentTerms">The row's recurrent terms, 3H floats (r, z, n).</param>
    /// <param name="h">The row's hidden state, H floats.</param>
    /// <param name="next">Where the next hidden state goes, H floats (may not overlap <paramref name="h"/>).</param>
    /// <param name="rz">Null, or 2H floats for r then z.</param>
    /// <param name="candidate">Null, or H floats for n.</param>
    /// <param name="difference">Null, or H floats for <c>h − n</c>.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Update(int hidden, float* inputTerms, float* recurrentTerms, float* h, float* next, float* rz, float* candidate, float* difference)
    {
        var j = 0;
        if (Avx.IsSupported && Fma.IsSupported)
        {
            var one = Vector256.Create(1f);
            var two = Vector256.Create(2f);
            for (; j + 8 <= hidden; j += 8)
            {
                var r = Reciprocal(one + VectorExp.Exp(-(Avx.LoadVector256(inputTerms + j) + Avx.LoadVector256(recurrentTerms + j))));
                var z = Reciprocal(one + VectorExp.Exp(-(Avx.LoadVector256(inputTerms + hidden + j) + Avx.LoadVector256(recurrentTerms + hidden + j))));
                var preactivation = Fma.MultiplyAdd(r, Avx.LoadVector256(recurrentTerms + (2 * hidden) + j), Avx.LoadVector256(inputTerms + (2 * hidden) + j));
                var n = Fma.MultiplyAddNegated(two, Reciprocal(VectorExp.Exp(preactivation + preactivation) + one), one);
                var d = Avx.LoadVector256(h + j) - n;
                Avx.Store(next + j, Fma.MultiplyAdd(z, d, n));
                if (rz is not null)
                {
                    Avx.Store(rz + j, r);
                    Avx.Store(rz + hidden + j, z);
                }

                if (candidate is not null)
                {
                    Avx.Store(candidate + j, n);
                }

                if (difference is not null)
                {
                    Avx.Store(difference + j, d);
                }
            }
        }

        for (; j < hidden; j++)
        {
            var r = 1f / (1f + MathF.Exp(-(inputTerms[j] + recurrentTerms[j])));
            var z = 1f / (1f + MathF.Exp(-(inputTerms[hidden + j] + recurrentTerms[hidden + j])));
            var preactivation = MathF.FusedMultiplyAdd(r, recurrentTerms[(2 * hidden) + j], inputTerms[(2 * hidden) + j]);
            var n = 1f - (2f / (MathF.Exp(preactivation + preactivation) + 1f));
            var d = h[j] - n;
            next[j] = MathF.FusedMultiplyAdd(z, d, n);
            if (rz is not null)
            {
                rz[j] = r;
                rz[hidden + j] = z;
            }

            if (candidate is not null)
            {
                candidate[j] = n;
            }

            if (difference is not null)
            {
                difference[j] = d;
            }
        }
    }

    /// <summary>1 / d to about one unit in the last place: the 12-bit hardware estimate refined by one Newton step
    /// (<c>y ← y + y(1 − d·y)</c>), which doubles its correct bits; a third of the cost of a division here. Arguments
    /// above about 1e38 give 0 (the estimate flushes), which is the limit σ and tanh want.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reciprocal(Vector256<float> d)
    {
        var y = Avx.Reciprocal(d);
        return Fma.MultiplyAdd(y, Fma.MultiplyAddNegated(d, y, Vector256.Create(1f)), y);
    }

    /// <summary>One parallel gate pass, on the calling thread's stack.</summary>
    private struct RowsWork
    {
        public int Hidden;
        public float* InputTerms;
        public float* RecurrentTerms;
        public float* H;
        public long Ldh;
        public float* Next;
        public long LdNext;
        public float* Rz;
        public float* Candidate;
        public float* Difference;
        public int Rows;
        public int Chunks;
    }
}
