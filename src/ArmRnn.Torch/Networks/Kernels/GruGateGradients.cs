using System.Runtime.CompilerServices;

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
/// backward pass in LibTorch operations.</remarks>
internal static unsafe class GruGateGradients
{
    /// <summary>Computes, for <paramref name="rows"/> rows of <paramref name="hidden"/> units (every operand contiguous):
    /// <paramref name="inputGates"/> and <paramref name="recurrentGates"/> [rows × 3H] (r, z, n blocks) and
    /// <paramref name="throughZ"/> [rows × H].</summary>
    /// <param name="rows">Rows (batch).</param>
    /// <param name="hidden">Hidden units H.</param>
    /// <param name="gradient">dL/dh' [rows × H].</param>
    /// <param name="record">The step's gates as the forward pass recorded them.</param>
    /// <param name="inputGates">Out: gradients of the input terms' pre-activations.</param>
    /// <param name="recurrentGates">Out: gradients of the recurrent terms (<c>W_hh h + b_hh</c>).</param>
    /// <param name="throughZ">Out: <c>g ⊙ z</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int rows, int hidden, float* gradient, GruStepRecord record, float* inputGates, float* recurrentGates, float* throughZ)
    {
        for (var i = 0; i < rows; i++)
        {
            var g = gradient + ((long)i * hidden);
            var rz = record.Rz + ((long)i * 2 * hidden);
            var n = record.Candidate + ((long)i * hidden);
            var difference = record.Difference + ((long)i * hidden);
            var recurrentCandidate = record.RecurrentTerms + ((long)i * 3 * hidden) + (2 * hidden);
            var di = inputGates + ((long)i * 3 * hidden);
            var dr = recurrentGates + ((long)i * 3 * hidden);
            var dz = throughZ + ((long)i * hidden);
            for (var j = 0; j < hidden; j++)
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
    }
}
